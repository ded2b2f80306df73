// generated from reports.yml sha256 9b9cbc2e482707cc7c1fea5759f3b0a20d48a3df8668c124eda35d5ea624ee35, do not edit

export interface paths {
    "/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @see https://api.basiq.io/reference/listallreports */
        get: operations["listAllReports"];
        put?: never;
        /** @see https://api.basiq.io/reference/createreport */
        post: operations["createReport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @see https://api.basiq.io/reference/retrievereport */
        get: operations["retrieveReport"];
        put?: never;
        post?: never;
        /** @see https://api.basiq.io/reference/deletereport */
        delete: operations["deleteReport"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/{reportId}/transactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @see https://api.basiq.io/reference/retrievereporttransactions */
        get: operations["retrieveReportTransactions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @see https://api.basiq.io/reference/listreporttypes */
        get: operations["listReportTypes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/types/{reportTypeId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @see https://api.basiq.io/reference/retrievespecificreporttype */
        get: operations["retrieveSpecificReportType"];
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
        STATEMENT: {
            type: string;
            /** Format: uuid */
            id: string;
            title: string;
            reportType: string;
            /** Format: date-time */
            createdDate: string;
            createdBy: string;
            filters: {
                name?: string;
                value?: string;
            }[];
            data: {
                institution?: {
                    /** Format: uri */
                    logo: string;
                    name: string;
                    abn?: string;
                    acn?: string;
                };
                identity?: {
                    customerType: string;
                    fullName: string;
                    firstName?: string;
                    lastName?: string;
                    title?: string;
                    /** Format: date */
                    DOB?: string;
                    occupationCode?: string;
                    occupationCodeVersion?: string;
                    phoneNumbers: string[];
                    emails: string[];
                    agentName?: string;
                    agentFirstName?: string;
                    agentLastName?: string;
                    agentRole?: string;
                    businessName?: string;
                    legalName?: string;
                    shortName?: string;
                    abn?: string;
                    acn?: string;
                    physicalAddresses: {
                        addressLine1?: string;
                        addressLine2?: string;
                        addressLine3?: string;
                        postCode?: string;
                        city?: string;
                        state?: string;
                        country?: string;
                    }[];
                };
                accreditation?: {
                    cdrAccessModel: string;
                    entityName: string;
                    title: string;
                    licenceNo: string;
                    description: string;
                };
                account?: {
                    type?: string;
                    /** Format: uuid */
                    id?: string;
                    /** Format: date-time */
                    creationDate?: string;
                    /** Format: date-time */
                    lastUpdated?: string;
                    status?: string;
                    name?: string;
                    maskedNumber?: string;
                    accountNo?: string;
                    accountHolder?: string;
                    isOwned?: boolean;
                    accountOwnership?: string;
                    balance?: string;
                    availableFunds?: string;
                    currency?: string;
                    class?: {
                        type?: string;
                        product?: string;
                    };
                    connection?: string;
                    institution?: string;
                    meta?: {
                        fees?: Record<string, never>;
                        depositRates?: Record<string, never>;
                        lendingRates?: Record<string, never>;
                        features?: Record<string, never>;
                        termDeposit?: Record<string, never>;
                        loan?: Record<string, never>;
                        creditCard?: Record<string, never>;
                        addresses?: Record<string, never>;
                    };
                    links?: {
                        self?: string;
                        transactions?: string;
                        institution?: string;
                    };
                }[];
                /** Format: uri */
                transactions?: string;
            };
        };
        error: {
            type: string;
            correlationId: string;
            data: {
                type?: string;
                title?: string;
                /** @enum {string} */
                code?: "parameter-not-supplied" | "parameter-not-valid" | "unsupported-accept" | "invalid-content" | "institution-not-supported" | "invalid-credentials";
                detail?: string;
                source?: {
                    pointer?: string;
                    parameter?: string;
                };
            }[];
        };
        /** Source */
        Source: {
            parameter?: string;
            pointer?: string;
        };
        NotFoundError: {
            correlationId: string;
            data: {
                /** @enum {string} */
                code: "resource-not-found";
                detail?: string;
                title?: string;
                type: string;
            }[];
        };
        TransactionData: {
            type: string;
            id: string;
            account: string;
            amount: string;
            balance: string;
            /** @enum {string} */
            class: "bank-fee" | "payment" | "cash-withdrawal" | "transfer" | "loan-interest" | "refund" | "direct-credit" | "interest" | "loan-repayment";
            connection: string;
            description: string;
            /** @enum {string} */
            direction: "debit" | "credit";
            enrich: components["schemas"]["TransactionsEnrich"];
            institution: string;
            postDate: string;
            /** @enum {string} */
            status: "pending" | "posted";
            transactionDate: string;
        };
        TransactionsAnzsic: {
            class?: components["schemas"]["TransactionsClass"];
            division?: components["schemas"]["TransactionsDivision"];
            group?: components["schemas"]["TransactionsGroup"];
            subdivision?: components["schemas"]["TransactionsSubdivision"];
        };
        TransactionsCategory: {
            anzsic?: components["schemas"]["TransactionsAnzsic"];
        };
        TransactionsClass: {
            title?: string;
            code?: string;
        };
        TransactionsDivision: {
            title?: string;
            code?: string;
        };
        TransactionsEnrich: {
            cleanDescription: components["schemas"]["TransactionscleanDescription"];
            tags: components["schemas"]["Transactionstags"];
            category: components["schemas"]["TransactionsCategory"];
            location: components["schemas"]["TransactionsLocation"];
            merchant: components["schemas"]["TransactionsMerchant"];
        };
        Transactionstags: Record<string, never>;
        TransactionscleanDescription: string;
        TransactionsGeometry: {
            lat?: string;
            lng?: string;
        };
        /** Transactions container object. */
        TransactionsGetResource: {
            type: string;
            /** Format: int64 */
            count: number;
            /** Format: int64 */
            size: number;
            data: components["schemas"]["TransactionData"][];
        };
        TransactionsGroup: {
            code?: string;
            title?: string;
        };
        TransactionsLocation: {
            country?: string;
            formattedAddress?: string;
            geometry?: components["schemas"]["TransactionsGeometry"];
            postalCode?: string;
            route?: string;
            routeNo?: string;
            state?: string;
            suburb?: string;
        };
        TransactionsMerchant: {
            id: string;
            businessName: string;
            ABN: string;
            logoMaster: string;
            logoThumb: string;
            phoneNumber?: components["schemas"]["TransactionsPhoneNumber"];
            website: string;
        };
        TransactionsPhoneNumber: {
            international?: string;
            local?: string;
        };
        TransactionsSubdivision: {
            code?: string;
            title?: string;
        };
        ForbiddenAccessError: {
            correlationId: string;
            data: {
                /** @enum {string} */
                code: "forbidden-access" | "no-production-access" | "access-denied";
                detail?: string;
                source: components["schemas"]["Source"];
                title?: string;
                type: string;
            }[];
        };
        BadRequestError: {
            type: string;
            correlationId: string;
            data: {
                /** @enum {string} */
                code: "parameter-not-supplied" | "parameter-not-valid" | "unsupported-accept" | "invalid-content" | "institution-not-supported" | "invalid-credentials";
                detail?: string;
                source?: components["schemas"]["Source"];
                title?: string;
                type: string;
            }[];
        };
        "BadRequestErrorforbidden-access": {
            type: string;
            correlationId: string;
            data: {
                code: string;
                /** @enum {string} */
                title?: "Connection source not supported.\n" | "Invalid users filter. Maximum 5 users allowed.\n" | "The following accounts are duplicated: \n['121', '332'], ['232', '949', '433'].\n" | "Following user ID(s)/account ID(s) have been entered more than once: \n[\"123\", \"123\"].\n";
                type: string;
                detail?: string;
            }[];
        };
        collection: {
            type?: string;
            count?: number;
            size?: number;
            data?: components["schemas"]["reportSummary"][];
            links?: {
                self?: string;
                next?: string;
            };
        };
        reportSummary: {
            type?: string;
            id?: string;
            title?: string;
            reportType?: string;
            createdDate?: string;
            expiresAt?: string;
            createdBy?: string;
            filters?: {
                name?: string;
                value?: string | string[];
            }[];
            links?: {
                self?: string;
            };
        };
        reportType: {
            id?: string;
            name?: string;
            type?: string;
            description?: string;
            count?: number;
            filters?: unknown[];
            data?: {
                type?: string;
                id?: string;
                name?: string;
                description?: string;
                filters?: {
                    name?: string;
                    type?: string;
                    required?: boolean;
                }[];
            }[];
        };
        reportTypeID: {
            id?: string;
            name?: string;
            type?: string;
            description?: string;
            count?: number;
            filters?: unknown[];
            data?: {
                type?: string;
                id?: string;
                name?: string;
                description?: string;
                filters?: {
                    name?: string;
                    type?: string;
                    required?: boolean;
                }[];
            }[];
        };
        reportRequest: {
            reportType: string;
            title: string;
            filters: {
                name: string;
                value: string | string[] | string[];
            }[];
        };
        job: {
            type?: string;
            id?: string;
            links?: {
                self?: string;
            };
        };
        Conn_Affor_Report: {
            type?: string;
            id?: string;
            title?: string;
            reportType?: string;
            createdBy?: string;
            filters?: {
                name?: string;
                value?: unknown[] | string;
            }[];
            data?: {
                metrics?: {
                    id?: string;
                    title?: string;
                    description?: string;
                    sections?: string[];
                    result?: {
                        value?: string | number;
                        format?: string;
                    };
                }[];
                groups?: {
                    id?: string;
                    title?: string;
                    sections?: string[];
                    analysis?: {
                        summary?: {
                            transactionCount?: number;
                            overallPercentage?: {
                                credit?: number;
                                debit?: number;
                            };
                        };
                        range?: {
                            /** Format: date */
                            startDate?: string;
                            /** Format: date */
                            endDate?: string;
                            duration?: number;
                        };
                        amount?: {
                            total?: string;
                            min?: string;
                            max?: string;
                            average?: {
                                transaction?: string;
                                month?: string;
                                medianTransaction?: string;
                                medianMonth?: string;
                                ongoingMonth?: string;
                            };
                            stableMonths?: number;
                            secureMonths?: number;
                        };
                        frequency?: {
                            type?: string;
                            amount?: string;
                            display?: string;
                            next?: {
                                /** Format: date */
                                date?: string;
                                amount?: string;
                            };
                        };
                    };
                    subgroup?: {
                        id?: string;
                        name?: string;
                        analysis?: {
                            summary?: {
                                transactionCount?: number;
                                overallPercentage?: {
                                    credit?: number;
                                    debit?: number;
                                };
                            };
                            range?: {
                                /** Format: date */
                                startDate?: string;
                                /** Format: date */
                                endDate?: string;
                                duration?: number;
                            };
                            amount?: {
                                total?: string;
                                min?: string;
                                max?: string;
                                average?: {
                                    transaction?: string;
                                    month?: string;
                                    medianTransaction?: string;
                                    medianMonth?: string;
                                    ongoingMonth?: string;
                                };
                                stableMonths?: number;
                                secureMonths?: number;
                            };
                            frequency?: {
                                type?: string;
                                amount?: string;
                                display?: string;
                                next?: {
                                    /** Format: date */
                                    date?: string;
                                    amount?: string;
                                };
                            };
                        };
                        transactions?: {
                            id?: string;
                            /** Format: date-time */
                            date?: string;
                            description?: string;
                            amount?: string;
                        }[];
                    }[];
                }[];
                accounts?: {
                    id?: string;
                    accountNo?: string;
                    name?: string;
                    currency?: string;
                    balance?: string;
                    availableFunds?: string;
                    /** Format: date-time */
                    lastUpdated?: string;
                    institution?: string;
                    class?: {
                        type?: string;
                        product?: string;
                    };
                    transactionIntervals?: {
                        /** Format: date */
                        from?: string;
                        /** Format: date */
                        to?: string;
                    }[];
                    accountHolder?: string;
                    accountOwnership?: string;
                    connection?: string;
                    status?: string;
                    creditLimit?: string;
                    links?: {
                        self?: string;
                        transactions?: string;
                        institution?: string;
                    };
                }[];
            };
            transactions?: string;
            links?: {
                self?: string;
            };
            createdDate?: string;
        };
        InternalServerError: {
            correlationId: string;
            data: {
                /** @enum {string} */
                code: "internal-server-error";
                detail?: string;
                title?: string;
                type: string;
            }[];
        };
    };
    responses: {
        "400BadRequest": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["error"];
            };
        };
        "403Forbidden": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["error"];
            };
        };
        "404NotFound": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["error"];
            };
        };
        "500Server": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["error"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listAllReports: {
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
                    "application/json": components["schemas"]["collection"];
                };
            };
            400: components["responses"]["400BadRequest"];
            403: components["responses"]["403Forbidden"];
            404: components["responses"]["404NotFound"];
            500: components["responses"]["500Server"];
        };
    };
    createReport: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["reportRequest"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["job"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BadRequestError"] | components["schemas"]["BadRequestErrorforbidden-access"];
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
    retrieveReport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** The report's id (the last segment of a finished report job's `links.source`). */
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
                    "application/pdf": components["schemas"]["STATEMENT"];
                    "application/json": components["schemas"]["Conn_Affor_Report"];
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
    deleteReport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** The report's id (the last segment of a finished report job's `links.source`). */
                id: string;
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
    retrieveReportTransactions: {
        parameters: {
            query?: {
                filter?: string;
            };
            header?: never;
            path: {
                reportId: string;
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
                    "application/json": components["schemas"]["TransactionsGetResource"];
                };
            };
            400: components["responses"]["400BadRequest"];
            403: components["responses"]["403Forbidden"];
            404: components["responses"]["404NotFound"];
            500: components["responses"]["500Server"];
        };
    };
    listReportTypes: {
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
                    "application/json": components["schemas"]["reportType"];
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
    retrieveSpecificReportType: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                reportTypeId: string;
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
                    "application/json": components["schemas"]["reportTypeID"];
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
