// generated from core.yml sha256 4fd4e18a3b813576cc6fc9cfe5301f6eb9c15d938d56ac5cde287d269d2e4790, do not edit

export interface paths {
    "/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @see https://api.basiq.io/reference/posttoken */
        post: operations["postToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @see https://api.basiq.io/reference/createuser */
        post: operations["createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @see https://api.basiq.io/reference/getuser */
        get: operations["getUser"];
        put?: never;
        /** @see https://api.basiq.io/reference/updateuser */
        post: operations["updateUser"];
        /** @see https://api.basiq.io/reference/deleteuser */
        delete: operations["deleteUser"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{userId}/consents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @see https://api.basiq.io/reference/getconsents */
        get: operations["getConsents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{userId}/consents/{consentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** @see https://api.basiq.io/reference/deleteconsent */
        delete: operations["deleteConsent"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{userId}/auth_link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @see https://api.basiq.io/reference/getauthlink */
        get: operations["getAuthLink"];
        put?: never;
        /** @see https://api.basiq.io/reference/postauthlink */
        post: operations["postAuthLink"];
        /** @see https://api.basiq.io/reference/deleteauthlink */
        delete: operations["deleteAuthLink"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @see https://api.basiq.io/reference/getevents */
        get: operations["getEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/events/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @see https://api.basiq.io/reference/gettypebyid */
        get: operations["getTypeById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/events/types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @see https://api.basiq.io/reference/listeventtypes */
        get: operations["listEventTypes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/events/types/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @see https://api.basiq.io/reference/geteventtypebyid */
        get: operations["getEventTypeById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{userId}/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @see https://api.basiq.io/reference/getuserjobs */
        get: operations["getUserJobs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/jobs/{jobId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @see https://api.basiq.io/reference/getjobs */
        get: operations["getJobs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/jobs/{jobId}/mfa": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @see https://api.basiq.io/reference/postjobmfa */
        post: operations["postJobMfa"];
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
        job: {
            type?: string;
            id?: string;
            partnerId?: string;
            status?: string;
            /** @enum {string} */
            jobType: "connection";
            applicationId?: string;
            /** Format: date-time */
            created?: string;
            /** Format: date-time */
            updated?: string;
            steps?: {
                result?: {
                    type?: string;
                    url?: string;
                    code?: string;
                    title?: string;
                    detail?: string;
                    method?: string;
                    description?: string;
                    input?: string[];
                    expiryMs?: number;
                    links?: {
                        response?: string;
                    };
                } | null;
                title: components["schemas"]["JobStepTitle"];
                status: components["schemas"]["JobStepStatus"];
            }[];
            links?: {
                link?: string;
                self?: string;
                source?: string;
            };
        };
        StatementJobs: {
            type?: string;
            id?: string;
            /** Format: date-time */
            createdDate?: string;
            /** Format: date-time */
            updatedDate?: string;
            jobType?: string;
            sourceId?: string;
            steps?: {
                title?: string;
                status?: string;
                result?: {
                    type?: string;
                    url?: string;
                } | null;
            }[];
            links?: {
                link?: string;
                self?: string;
                source?: string;
            };
        };
        ReportsJob: {
            type?: string;
            id?: string;
            partnerId?: string;
            applicationId?: string;
            created?: string;
            updated?: string;
            status?: string;
            /** @enum {string} */
            jobType: "report";
            steps?: {
                result?: {
                    type?: string;
                    url?: string;
                } | null;
                title: components["schemas"]["JobStepTitle"];
                status: components["schemas"]["JobStepStatus"];
            }[];
            links?: {
                self?: string;
                source?: string;
            } | null;
        };
        EventTypes: {
            type?: string;
            count?: number;
            size?: number;
            data?: components["schemas"]["EventType"][];
            links?: {
                self?: string;
                next?: string;
            };
        };
        Error: {
            type?: string;
            correlationId?: string;
            data?: {
                type?: string;
                code?: string;
                title?: string;
                detail?: string;
                source?: {
                    parameter?: string;
                };
            }[];
        };
        EventType: {
            type?: string;
            id?: string;
            description?: string;
            links?: {
                self?: string;
            };
        };
        RetrieveEvent: {
            type?: string;
            id?: string;
            createdDate?: string;
            entity?: string;
            eventType?: string;
            userId?: string;
            dataRef?: string;
            data?: {
                createdDate?: string;
                id?: string;
                institution?: {
                    id?: string;
                    links?: {
                        self?: string;
                    };
                    type?: string;
                };
                lastUsed?: string;
                links?: {
                    accounts?: string;
                    self?: string;
                    transactions?: string;
                };
                mfaEnabled?: boolean;
                status?: string;
                type?: string;
            };
            links?: {
                self?: string;
            };
        };
        AuthLinksResponseResource: {
            id: string;
            mobile: string;
            type: string;
            userId: string;
            expiresAt: string;
            links?: components["schemas"]["AuthLinkLinks"];
        };
        GoneError: {
            correlationId: string;
            data: {
                /** @enum {string} */
                code: "resource-no-longer-available";
                detail?: string;
                title?: string;
                type: string;
            }[];
            type: string;
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
        AuthLinkLinks: {
            public: string;
            self: string;
        };
        AuthLinksPostResponseResource: {
            mobile: string;
            type: string;
            userId: string;
            expiresAt: string;
            links?: components["schemas"]["AuthLinkLinks"];
        };
        /** ConnectionResponseResource */
        ConnectionResponseResource: {
            type: string;
            id: string;
            links: components["schemas"]["ResourceLink"];
        };
        EventsData: {
            type: string;
            id: string;
            createdDate: string;
            /** @enum {string} */
            entity: "consent" | "connection";
            /** @enum {string} */
            eventType: "revoked" | "expired" | "updated" | "created" | "archived" | "deleted";
            userId: string;
            dataRef: string;
            data: string;
            links: unknown;
        };
        /** EventsGetResponseResource */
        EventsGetResponseResource: {
            type: string;
            data?: components["schemas"]["EventsData"][];
            links?: components["schemas"]["ResourceLink"];
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
        /** UserGetAccount */
        GetUserAccount: {
            type: string;
            /** Format: int64 */
            count: number;
            data: components["schemas"]["GetUserAccountData"][];
        };
        /** UserGetAccountData */
        GetUserAccountData: {
            type: string;
            id: string;
            links: components["schemas"]["ResourceLink"];
        };
        /** UserGetConnection */
        GetUserConnection: {
            type: string;
            /** Format: int64 */
            count: number;
            data: components["schemas"]["GetUserConnectionData"][];
        };
        /** GetUserConnectionData */
        GetUserConnectionData: {
            type: string;
            id: string;
            links: components["schemas"]["ResourceLink"];
        };
        /** GetUserLinks */
        GetUserLinks: {
            accounts: string;
            connections: string;
            self: string;
            transactions: string;
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
        /** JobsData */
        JobsData: {
            type?: string;
            id: string;
            created: string;
            updated: string;
            institution: components["schemas"]["JobsInstitution"];
            steps: components["schemas"]["JobsStep"][];
            links?: components["schemas"]["JobsLinks"];
        };
        JobPostRequest: {
            "mfa-response": string[];
        };
        /** Institution */
        JobsInstitution: {
            id: string;
            links: components["schemas"]["JobsLinks"];
            type: string;
        };
        /** JobsLinks */
        JobsLinks: {
            self: string;
            source?: string;
        };
        JobsResponseResource: {
            type: string;
            data: components["schemas"]["JobsData"][];
            /** Format: int64 */
            size: number;
            links: components["schemas"]["ResourceLink"];
        };
        /** JobsResult */
        JobsResult: {
            /** @enum {string} */
            code?: "success" | "user-action-required" | "system-unavailable" | "maintenance" | "connector-error" | "institution-not-found" | "institution-not-available" | "institution-disabled" | "missing-required-field" | "missing-required-field-value" | "invalid-field-value" | "invalid-csv-row" | "row-count-exceeded" | "account-data-differs" | "empty-file" | "bank-statement-invalid" | "bank-statement-new-product" | "bank-statement-parsing-error" | "bank-statement-not-supported" | "txn-after-last-updated-date" | "invalid-connection" | "unknown-error" | "job-timed-out";
            details?: string;
            title?: string;
            type?: string;
            url?: string;
        };
        /** JobsStep */
        JobsStep: {
            result: components["schemas"]["JobsResult"];
            title?: components["schemas"]["JobStepTitle"];
            status: components["schemas"]["JobStepStatus"];
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
        /** ResourceLink */
        ResourceLink: {
            self: string;
        };
        /** Source */
        Source: {
            parameter?: string;
        };
        StatusServiceUnavailableError: {
            type: string;
            correlationId: string;
            data: {
                code: Record<string, never>;
                detail?: string;
                title?: string;
                type: string;
            }[];
        };
        UnauthorizedError: {
            correlationId: string;
            data: {
                /** @enum {string} */
                code: "unauthorized-access" | "invalid-authorization-token";
                detail?: string;
                title?: string;
                type: string;
            }[];
            type: string;
        };
        /** UserGetResponse */
        UserGetResponse: {
            type: string;
            id: string;
            /** Format: email */
            email: string;
            mobile: string;
            name: string;
            firstName: string;
            middleName: string;
            lastName: string;
            businessName?: string;
            businessIdNo?: string;
            /** @enum {string} */
            businessIdNoType?: "ABN" | "ACN";
            businessAddress?: {
                addressLine1?: string;
                addressLine2?: string;
                suburb?: string;
                state?: string;
                postcode?: string;
                countryCode?: string;
            };
            verificationStatus?: boolean;
            verificationDate?: string;
            connections: components["schemas"]["GetUserConnection"];
            accounts: components["schemas"]["GetUserAccount"];
            links: components["schemas"]["GetUserLinks"];
        };
        /** UserPostResponse */
        UserPostResponse: {
            type: string;
            id: string;
            /** Format: email */
            email?: string;
            mobile: string;
            firstName?: string;
            middleName?: string;
            lastName?: string;
            businessName?: string;
            businessIdNo?: string;
            /** @enum {string} */
            businessIdNoType?: "ABN" | "ACN";
            businessAddress?: {
                addressLine1?: string;
                addressLine2?: string;
                suburb?: string;
                state?: string;
                postcode?: string;
                countryCode?: string;
            };
            verificationStatus?: boolean;
            verificationDate?: string;
            links: components["schemas"]["ResourceLink"];
        };
        createUser: {
            email?: string;
            mobile?: string;
            firstName?: string;
            middleName?: string;
            lastName?: string;
            businessName?: string;
            businessIdNo?: string;
            /** @enum {string} */
            businessIdNoType?: "ABN" | "ACN";
            businessAddress?: {
                addressLine1?: string;
                addressLine2?: string;
                suburb?: string;
                state?: string;
                postcode?: string;
                countryCode?: string;
            };
            verificationStatus?: boolean;
            verificationDate?: string;
        };
        updateUser: {
            email?: string;
            mobile?: string;
            firstName?: string;
            middleName?: string;
            lastName?: string;
        };
        TokenPostResponse: {
            access_token: string;
            /** Format: int64 */
            expires_in: number;
            token_type: string;
        };
        /** UserConsentGetResponse */
        UserConsentGetResponses: {
            type: string;
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            created: string;
            /** Format: date-time */
            updated: string;
            /** Format: date-time */
            expiryDate: string;
            origin?: string;
            status: string;
            purpose: components["schemas"]["Purpose"];
            data: components["schemas"]["Data"];
            revoked?: string;
            links?: {
                self?: string;
                consentPolicy?: string;
                latestConsentPolicy?: string;
            };
        };
        /** Data */
        Data: {
            retainData: boolean;
            initialRetrievalDays?: number;
            organisation?: boolean | null;
            permissions: components["schemas"]["Permission"][];
        };
        /** Permission */
        Permission: {
            scope: string;
            required: boolean;
            consented?: boolean;
            entity: string;
            information: components["schemas"]["Information"];
            purpose: components["schemas"]["Primary"];
        };
        /** Information */
        Information: {
            name: string;
            description: string;
            attributeList: string[];
        };
        /** Primary */
        Primary: {
            title: string;
            description: string;
        };
        /** Purpose */
        Purpose: {
            primary: components["schemas"]["Primary"];
            other?: boolean | null;
        };
        /** @enum {string} */
        JobStepTitle: "verify-credentials" | "mfa-challenge" | "retrieve-accounts" | "retrieve-transactions" | "retrieve-statements" | "create-report";
        /** @enum {string} */
        JobStepStatus: "pending" | "in-progress" | "success" | "failed";
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    postToken: {
        parameters: {
            query?: never;
            header: {
                "basiq-version": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/x-www-form-urlencoded": {
                    scope?: string;
                    userId?: string;
                };
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPostResponse"];
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
    createUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["createUser"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserPostResponse"];
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
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnauthorizedError"];
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
    getUser: {
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
                    "application/json": components["schemas"]["UserGetResponse"];
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
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnauthorizedError"];
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
    updateUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["updateUser"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserPostResponse"];
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
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnauthorizedError"];
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
    deleteUser: {
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
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BadRequestError"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnauthorizedError"];
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
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusServiceUnavailableError"];
                };
            };
        };
    };
    getConsents: {
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
                    "application/json": {
                        type?: string;
                        size?: number;
                        data?: components["schemas"]["UserConsentGetResponses"][];
                        links?: {
                            self?: string;
                        };
                    };
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
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnauthorizedError"];
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
    deleteConsent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
                consentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BadRequestError"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnauthorizedError"];
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
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusServiceUnavailableError"];
                };
            };
        };
    };
    getAuthLink: {
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
                    "application/json": components["schemas"]["AuthLinksResponseResource"];
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
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnauthorizedError"];
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
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GoneError"];
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
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusServiceUnavailableError"];
                };
            };
        };
    };
    postAuthLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    mobile?: string;
                };
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthLinksPostResponseResource"];
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
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnauthorizedError"];
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
    deleteAuthLink: {
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
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BadRequestError"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnauthorizedError"];
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
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusServiceUnavailableError"];
                };
            };
        };
    };
    getEvents: {
        parameters: {
            query?: {
                filter?: string;
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
                    "application/json": components["schemas"]["EventsGetResponseResource"];
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
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnauthorizedError"];
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
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusServiceUnavailableError"];
                };
            };
        };
    };
    getTypeById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** The event's id (an event's `id`, or the last segment of a webhook message's `links.event`). */
                id: string;
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
                    "application/json": components["schemas"]["RetrieveEvent"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
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
                    "application/json": components["schemas"]["Error"];
                };
            };
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
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
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusServiceUnavailableError"];
                };
            };
        };
    };
    listEventTypes: {
        parameters: {
            query?: never;
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
                    "application/json": components["schemas"]["EventTypes"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
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
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
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
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusServiceUnavailableError"];
                };
            };
        };
    };
    getEventTypeById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** The event type's id, e.g. "account.updated" (see listEventTypes). */
                id: string;
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
                    "application/json": components["schemas"]["EventType"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
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
                    "application/json": components["schemas"]["Error"];
                };
            };
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
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
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusServiceUnavailableError"];
                };
            };
        };
    };
    getUserJobs: {
        parameters: {
            query?: {
                filter?: string;
            };
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
                    "application/json": components["schemas"]["JobsResponseResource"];
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
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnauthorizedError"];
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
    getJobs: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                jobId: string;
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
                    "application/json": components["schemas"]["job"] | components["schemas"]["ReportsJob"];
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
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnauthorizedError"];
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
    postJobMfa: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                jobId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["JobPostRequest"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectionResponseResource"];
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
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnauthorizedError"];
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
