// generated from identity.yml sha256 831b58ac54b3b3d39be664e2992d62de199a88aeb78f74dd12866a9d19532ba4, do not edit

export interface paths {
    "/users/{userId}/identities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @see https://api.basiq.io/reference/getuseridentities */
        get: operations["getUserIdentities"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{userId}/identities/{identityId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @see https://api.basiq.io/reference/getuseridentity */
        get: operations["getUserIdentity"];
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
        /** IdentitiesGetResponseResource */
        IdentitiesGetResponseResource: {
            data: components["schemas"]["IdentityData"][];
            type: string;
            /** Format: int64 */
            count: number;
        };
        IdentityData: {
            type: string;
            id: string;
            created: string;
            updated: string;
            connectionID?: string;
            institutionID?: string;
            source?: string;
            fullName?: string;
            firstName?: string;
            lastName?: string;
            middleName?: string;
            title?: string;
            DOB?: string;
            occupationCode?: string;
            occupationCodeVersion?: string;
            phoneNumbers?: string[];
            emailAddresses?: string[];
            physicalAddresses?: components["schemas"]["PhysicalAddressData"][];
            organisation?: {
                agentFirstName?: string;
                agentLastName?: string;
                agentRole?: string;
                businessName?: string;
                legalName?: string;
                shortName?: string;
                abn?: string;
                acn?: string;
                isACNCRegistered?: boolean;
                industryCode?: string;
                industryCodeVersion?: string;
                organisationType?: string;
                registeredCountry?: string;
            };
            links: components["schemas"]["IdentityLinks"];
        };
        PhysicalAddressData: {
            type?: string;
            addressLine1?: string;
            addressLine2?: string;
            addressLine3?: string;
            postcode?: string;
            city?: string;
            state?: string;
            country?: string;
            countryCode?: string;
            formattedAddress?: string;
        };
        IdentityLinks: {
            self: string;
            job: string;
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
        NotFoundError: {
            type: string;
            correlationId: string;
            data: {
                /** @enum {string} */
                code: "resource-not-found";
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
    getUserIdentities: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IdentitiesGetResponseResource"];
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
    getUserIdentity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
                identityId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IdentityData"];
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
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotFoundError"];
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
