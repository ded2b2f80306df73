// generated from enrich.yml sha256 308b43a631dc66a5cd8f29d568d197ef4db2aba27b5183d830098cedf7e1c316, do not edit

export interface paths {
    "/enrich": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @see https://api.basiq.io/reference/enrich */
        get: operations["enrich"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Enrich: {
            type: string;
            direction: string;
            class: string;
            data?: {
                merchant?: {
                    id?: string;
                    businessName?: string;
                    website?: string;
                    abn?: string;
                    phoneNumber?: {
                        local?: string;
                        international?: string;
                    };
                };
                category?: {
                    /** @enum {string} */
                    matchType?: "merchantFull" | "merchantPartial" | "mcc" | "ml";
                    matchScore?: string;
                    anzsic?: {
                        division?: {
                            code?: string;
                            title?: string;
                        };
                        subdivision?: {
                            code?: string;
                            title?: string;
                        };
                        group?: {
                            code?: string;
                            title?: string;
                        };
                        class?: {
                            code?: string;
                            title?: string;
                        };
                        subclass?: {
                            code?: string;
                            title?: string;
                        };
                    };
                };
                location?: {
                    routeNo?: string;
                    route?: string;
                    postalCode?: string;
                    suburb?: string;
                    state?: string;
                    country?: string;
                    formattedAddress?: string;
                    geometry?: {
                        lat?: string;
                        lng?: string;
                    };
                };
                tags?: string[];
            };
            links: {
                self?: string;
                "logo-master"?: string;
                "logo-thumb"?: string;
            };
        };
        BadRequestError: {
            type: string;
            correlationId: string;
            data: {
                type: string;
                title?: string;
                /** @enum {string} */
                code: "parameter-not-supplied" | "parameter-not-valid" | "unsupported-accept" | "invalid-content" | "institution-not-supported" | "invalid-credentials";
                detail?: string;
                source?: components["schemas"]["Source"];
            }[];
        };
        ForbiddenAccessError: {
            type: string;
            correlationId: string;
            data: {
                type: string;
                title?: string;
                /** @enum {string} */
                code: "forbidden-access" | "no-production-access" | "access-denied";
                detail?: string;
                source: components["schemas"]["Source"];
            }[];
        };
        InternalServerError: {
            type: string;
            correlationId: string;
            data: {
                /** @enum {string} */
                code: "internal-server-error";
                detail?: string;
                title?: string;
                type: string;
            }[];
        };
        /** Source */
        Source: {
            parameter?: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    enrich: {
        parameters: {
            query: {
                q: string;
                institution: string;
                country: string;
                mcc?: string;
                accountType?: string;
                amount?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Enrich"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BadRequestError"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ForbiddenAccessError"];
                };
            };
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InternalServerError"];
                };
            };
        };
    };
}
