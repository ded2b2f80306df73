// generated from data.yml sha256 c81587dc9b687c6bf635cb38a9f91ac99f82d6df9d055a0762646dcff52a9957, do not edit

export interface paths {
    "/users/{userId}/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @see https://api.basiq.io/reference/getaccounts */
        get: operations["getAccounts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{userId}/accounts/{accountId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @see https://api.basiq.io/reference/getaccount */
        get: operations["getAccount"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{userId}/transactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @see https://api.basiq.io/reference/gettransactions */
        get: operations["getTransactions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{userId}/transactions/{transactionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @see https://api.basiq.io/reference/gettransaction */
        get: operations["getTransaction"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{userId}/connections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @see https://api.basiq.io/reference/getconnections */
        get: operations["getConnections"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{userId}/connections/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @see https://api.basiq.io/reference/refreshconnections */
        post: operations["refreshConnections"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{userId}/connections/{connectionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @see https://api.basiq.io/reference/getconnection */
        get: operations["getConnection"];
        put?: never;
        post?: never;
        /** @see https://api.basiq.io/reference/deleteconnection */
        delete: operations["deleteConnection"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{userId}/connections/{connectionId}/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @see https://api.basiq.io/reference/refreshconnection */
        post: operations["refreshConnection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{userId}/connections/{connectionId}/purge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @see https://api.basiq.io/reference/purgeconnectiondata */
        post: operations["purgeConnectionData"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{userId}/statements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @see https://api.basiq.io/reference/createstatement */
        post: operations["createStatement"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/connectors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @see https://api.basiq.io/reference/getconnectors */
        get: operations["getConnectors"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/connectors/{connectorId}/{method}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @see https://api.basiq.io/reference/getconnector */
        get: operations["getConnector"];
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
        termDepositMetadata: {
            lodgementDate: string;
            maturityDate: string;
            maturityAmount?: string;
            maturityCurrency?: string;
            /** @enum {string} */
            maturityInstructions: "HOLD_ON_MATURITY" | "PAID_OUT_AT_MATURITY" | "ROLLED_OVER";
        };
        AccountClass: {
            type: string;
            product: string;
        };
        featureClass: {
            /** @enum {string} */
            featureType: "ADDITIONAL_CARDS" | "BALANCE_TRANSFERS" | "BILL_PAYMENT" | "BONUS_REWARDS" | "CARD_ACCESS" | "CASHBACK_OFFER" | "COMPLEMENTARY_PRODUCT_DISCOUNTS" | "DIGITAL_BANKING" | "DIGITAL_WALLET" | "DONATE_INTEREST" | "EXTRA_REPAYMENTS" | "FRAUD_PROTECTION" | "FREE_TXNS" | "FREE_TXNS_ALLOWANCE" | "GUARANTOR" | "INSURANCE" | "INSTALMENT_PLAN" | "INTEREST_FREE" | "INTEREST_FREE_TRANSFERS" | "LOYALTY_PROGRAM" | "NOTIFICATIONS" | "NPP_ENABLED" | "NPP_PAYID" | "OFFSET" | "OTHER" | "OVERDRAFT" | "REDRAW" | "RELATIONSHIP_MANAGEMENT" | "UNLIMITED_TXNS";
            additionalValue?: string;
            additionalInfo?: string;
            additionalInfoUri?: string;
            isActivated?: boolean;
        };
        pursesClass: {
            amount: string;
            currency?: string;
        };
        /** ConnectionsGetResponseResource */
        ConnectionsGetResponseResource: {
            type: string;
            data?: components["schemas"]["ConnectionsData"][];
            links?: components["schemas"]["ResourceLink"];
        };
        /** ConnectionsRefreshResource */
        ConnectionsRefreshResource: {
            type: string;
            data: components["schemas"]["ConnectionResponseResource"][];
        };
        AccountsContainer: {
            type: string;
            data: components["schemas"]["AccountsData"][];
        };
        AccountsData: {
            type: string;
            id: string;
            name: string;
            currency: string;
            class: components["schemas"]["AccountClass"];
            accountNo: string;
            availableFunds: string | null;
            balance: string | null;
            lastUpdated: string;
            /** @enum {string} */
            status: "available" | "unavailable";
            links: components["schemas"]["ConnectionAccountLinks"];
        };
        ResponseFormat: string;
        Colors: {
            primary?: string;
        };
        LogoResourceLinks: {
            full: string;
            square: string;
        };
        InstitutionLogoResource: {
            colors?: components["schemas"]["Colors"];
            links: components["schemas"]["LogoResourceLinks"];
            /** @enum {string} */
            type: "image";
        };
        ConnectionAccountLinks: {
            transactions: string;
            self: string;
        };
        /** PhysicalAddresses */
        PhysicalAddresses: {
            addressLine1: string;
            addressLine2: string | null;
            addressLine3: string | null;
            city: string;
            country?: string;
            countryCode: string;
            formattedAddress: string;
            postcode: string;
            state: string;
        };
        ConnectorsList: {
            type: components["schemas"]["ResponseFormat"];
            /** Format: int64 */
            totalCount: number;
            data: components["schemas"]["Connector"][];
            links: components["schemas"]["ResourceLinks"];
        };
        ResourceLinks: {
            self: string;
        };
        Connector: {
            /** @enum {string} */
            type: "connector";
            id: string;
            /** @enum {string} */
            method: "web" | "openbanking" | "csv" | "pdf";
            stage: string;
            status: components["schemas"]["FeatureCondition"];
            institution: components["schemas"]["ConnectorInstitutionResource"];
            scopes: string[];
            authorization: components["schemas"]["ConnectorAuthorization"];
            stats: components["schemas"]["InstitutionPerformanceStats"];
            links?: components["schemas"]["ResourceLinks"];
        };
        ConnectorAuthorization: {
            /** @enum {string} */
            type: "user" | "token" | "other" | "user-mfa" | "user-mfa-intermittent";
            meta?: components["schemas"]["ConnectorAuthorizationMeta"];
        };
        FeatureCondition: string;
        InstitutionPerformanceStats: {
            averageDurationMs?: {
                /** Format: int64 */
                retrieveAccounts?: number;
                /** Format: int64 */
                retrieveMeta?: number;
                /** Format: int64 */
                retrieveTransactions?: number;
                /** Format: int64 */
                total?: number;
                /** Format: int64 */
                verifyCredentials?: number;
            };
        };
        ConnectorAuthorizationMeta: {
            forgotten_password_url?: string;
            login_id_caption?: string;
            password_caption?: string;
            secondary_login_id_caption?: string;
            security_code_caption?: string;
        };
        ConnectorInstitutionResource: {
            /** @enum {string} */
            type: "Bank" | "Bank (Foreign)" | "Test Bank" | "Credit Union" | "Financial Services" | "Superannuation" | "Building Society" | "Government";
            name: string;
            shortName: string;
            /** @enum {string} */
            tier: "1" | "2" | "3" | "4";
            country: string;
            cdrFAQ?: string;
            cdrEmail?: string;
            cdrPolicy?: string;
            cdrProviderNumber?: string;
            abn?: string;
            acn?: string;
            logo: components["schemas"]["InstitutionLogoResource"];
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
        ConnectionProfile: {
            emailAddresses: string[];
            firstName: string;
            fullName: string;
            lastName: string;
            middleName: string;
            phoneNumbers: string[];
            physicalAddresses: components["schemas"]["PhysicalAddresses"][];
        };
        /** ConnectionGetResponseResource */
        ConnectionGetResponseResource: {
            type: string;
            id: string;
            method: string;
            createdDate: string;
            expiryDate: string;
            lastUsed?: string;
            accounts?: components["schemas"]["AccountsContainer"];
            institution: components["schemas"]["ConnectionInstitution"];
            profile?: components["schemas"]["ConnectionProfile"];
            /** @enum {string} */
            status?: "active" | "pending" | "invalid" | "pre-init";
            links: components["schemas"]["GetConnectionLinks"];
        };
        /** ConnectionResponseResource */
        ConnectionResponseResource: {
            type: string;
            id: string;
            links: components["schemas"]["ResourceLink"];
        };
        /** GetConnectionLinks */
        GetConnectionLinks: {
            accounts?: string;
            self: string;
            transactions?: string;
            user: string;
        };
        /** GetConnectionsLinks */
        GetConnectionsLinks: {
            accounts?: string;
            institution: string;
            self: string;
            transactions?: string;
        };
        /** ConnectionInstitution */
        ConnectionInstitution: {
            id: string;
            links: components["schemas"]["ResourceLink"];
            type: string;
        };
        ConnectionsData: {
            type: string;
            id: string;
            method: string;
            /** @enum {string} */
            status?: "active" | "pending" | "invalid" | "pre-init";
            createdDate: string;
            expiryDate: string;
            lastUsed?: string;
            institution: components["schemas"]["ConnectionInstitution"];
            links: components["schemas"]["GetConnectionsLinks"];
        };
        /** AccountResponseResource */
        AccountResponseResource: {
            type: string;
            id: string;
            depositRate?: string;
            lendingRate?: string;
            bsb?: string;
            unmaskedAccNum?: string;
            creationDate?: string;
            accountHolder: string | null;
            maskedNumber?: string;
            /** @enum {string} */
            accountOwnership: "UNKNOWN" | "ONE_PARTY" | "TWO_PARTY" | "MANY_PARTY" | "OTHER";
            isOwned: boolean;
            amortisedLimit?: string;
            bundleName?: string;
            purses?: components["schemas"]["pursesClass"][];
            accountNo: string;
            availableFunds: string | null;
            balance: string | null;
            creditLimit: string | null;
            /** @enum {unknown} */
            class: components["schemas"]["AccountClass"];
            connection: string;
            currency: string;
            institution: string;
            lastUpdated: string;
            name: string;
            /** @enum {string} */
            status: "available" | "unavailable";
            meta?: components["schemas"]["Metadata"];
            transactionIntervals: components["schemas"]["AccountTransactionInterval"][];
        };
        Metadata: {
            fees?: components["schemas"]["feesAccountMetadata"][] | null;
            depositRates?: components["schemas"]["depositRateAccountMetadata"][] | null;
            lendingRates?: components["schemas"]["lendingRateAccountMetadata"][] | null;
            termDeposit?: components["schemas"]["termDepositMetadata"][];
            loan?: {
                startDate?: string;
                endDate?: string;
                /** @enum {string} */
                repaymentType?: "INTEREST_ONLY" | "PRINCIPAL_AND_INTEREST";
                originalLoanAmount?: string;
                originalLoanCurrency?: string;
                minInstalmentAmount?: string;
                nextInstalmentDate?: string;
                minInstalmentCurrency?: string;
                maxRedraw?: string;
                maxRedrawCurrency?: string;
                minRedraw?: string;
                minRedrawCurrency?: string;
                repaymentFrequency?: string;
                offsetAccountIds?: string[];
                offsetAccountEnabled?: boolean;
            } | null;
            creditCard?: {
                minPaymentAmount: string;
                paymentDueAmount: string;
                paymentCurrency?: string;
                paymentDueDate: string;
            };
            features?: components["schemas"]["featureClass"][] | null;
            addresses?: {
                /** @enum {string} */
                addressType?: "paf" | "simple";
                simple?: {
                    mailingName?: string;
                    addressLine1: string;
                    addressLine2?: string;
                    addressLine3?: string;
                    postcode?: string;
                    city: string;
                    state: string;
                    country?: string;
                    paf?: {
                        dpid?: string;
                        thoroughfareNumber1?: number;
                        thoroughfareNumber1Suffix?: string;
                        thoroughfareNumber2?: number;
                        thoroughfareNumber2Suffix?: string;
                        flatUnitType?: string;
                        flatUnitNumber?: string;
                        floorLevelType?: string;
                        floorLevelNumber?: string;
                        lotNumber?: string;
                        buildingName1?: string;
                        buildingName2?: string;
                        streetName?: string;
                        streetType?: string;
                        streetSuffix?: string;
                        postalDeliveryType?: string;
                        postalDeliveryNumber?: number;
                        postalDeliveryNumberPrefix?: string;
                        postalDeliveryNumberSuffix?: string;
                        localityName: string;
                        postcode: string;
                        state: string;
                    };
                };
            }[] | null;
        };
        lendingRateAccountMetadata: {
            /** @enum {string} */
            lendingRateType: "BUNDLE_DISCOUNT_FIXED" | "BUNDLE_DISCOUNT_VARIABLE" | "CASH_ADVANCE" | "DISCOUNT" | "FIXED" | "FLOATING" | "INTRODUCTORY" | "MARKET_LINKED" | "PENALTY" | "PURCHASE" | "VARIABLE";
            rate: string;
            comparisonRate?: string;
            calculationFrequency?: string;
            applicationFrequency?: string;
            /** @enum {string} */
            interestPaymentDue?: "IN_ADVANCE" | "IN_ARREARS";
            /** @enum {string} */
            repaymentType?: "INTEREST_ONLY" | "PRINCIPAL_AND_INTEREST";
            /** @enum {string} */
            loanPurpose?: "INVESTMENT" | "OWNER_OCCUPIED";
            tiers?: unknown;
            additionalValue?: string;
            additionalInfo?: string;
            additionalInfoUri?: string;
        };
        depositRateAccountMetadata: {
            /** @enum {string} */
            depositRateType: "BONUS" | "BUNDLE_BONUS" | "FIXED" | "FLOATING" | "INTRODUCTORY" | "MARKET_LINKED" | "VARIABLE";
            rate: string;
            calculationFrequency?: string;
            applicationFrequency?: string;
            tiers?: unknown;
            additionalValue?: string;
            additionalInfo?: string;
            additionalInfoUri?: string;
        };
        feesAccountMetadepositratestiers: {
            name: string;
            /** @enum {string} */
            unitOfMeasure: "DAY" | "DOLLAR" | "MONTH" | "PERCENT";
            minimumValue: number;
            maximumValue?: number;
            /** @enum {string} */
            rateApplicationMethod?: "PER_TIER" | "WHOLE_BALANCE";
            applicabilityConditions?: components["schemas"]["feesAccountMetadepositratestiersRateCondition"];
            additionalInfo?: string;
            additionalInfoUri?: string;
        };
        feesAccountMetadepositratestiersRateCondition: {
            additionalInfo?: string;
            additionalInfoUri?: string;
        };
        feesAccountMetadata: {
            name: string;
            /** @enum {string} */
            feeType: "DEPOSIT" | "EVENT" | "EXIT" | "PAYMENT" | "PERIODIC" | "PURCHASE" | "TRANSACTION" | "UPFRONT" | "VARIABLE" | "WITHDRAWAL";
            amount?: string;
            balanceRate?: string;
            transactionRate?: string;
            accruedRate?: string;
            accrualFrequency?: string;
            currency?: string;
            additionalValue?: string;
            additionalInfo?: string;
            additionalInfoUri?: string;
            discounts?: unknown;
        };
        feesdiscountMetadata: {
            description: string;
            discountType: string;
            amount?: string;
            balanceRate?: string;
            transactionRate?: string;
            accruedRate?: string;
            feeRate?: string;
            additionalValue?: string;
            additionalInfo?: string;
            additionalInfoUri?: string;
            eligibility?: components["schemas"]["feesdiscounteligibilityMetadata"];
        };
        feesdiscounteligibilityMetadata: {
            /** @enum {string} */
            discountEligibilityType: "BUSINESS" | "EMPLOYMENT_STATUS" | "INTRODUCTORY" | "MAX_AGE" | "MIN_AGE" | "MIN_INCOME" | "MIN_TURNOVER" | "NATURAL_PERSON" | "OTHER" | "PENSION_RECIPIENT" | "RESIDENCY_STATUS" | "STAFF" | "STUDENT";
            additionalValue?: string;
            additionalInfo?: string;
            additionalInfoUri?: string;
        };
        AccountTransactionInterval: {
            from: string;
            to: string;
        };
        AccountsResponseResource: {
            type: string;
            data: components["schemas"]["AccountResponseResource"][];
            links: components["schemas"]["ResourceAccountLink"];
        };
        StatementUploadResource: {
            type: string;
            id: string;
            links: components["schemas"]["ResourceLink"];
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
            type: string;
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
            type: string;
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
            type: string;
        };
        /** ResourceLink */
        ResourceLink: {
            self: string;
        };
        /** ResourceAccountLink */
        ResourceAccountLink: {
            self: string;
            transactions?: string;
            connection?: string;
            institution?: string;
            statements?: string;
        };
        /** Source */
        Source: {
            parameter?: string;
            pointer?: string;
        };
        StatusServiceUnavailableError: {
            type: string;
            correlationId: string;
            data: {
                type: string;
                title?: string;
                code: Record<string, never>;
                detail?: string;
            }[];
        };
        TransactionData: {
            type: string;
            id: string;
            /** @enum {string} */
            status: "pending" | "posted";
            description: string;
            reference: string;
            amount: string;
            /** @enum {string} */
            currency: "AUD" | "USD" | "GBP";
            account: string;
            balance?: string;
            /** @enum {string} */
            direction: "debit" | "credit";
            /** @enum {string} */
            class: "bank-fee" | "payment" | "cash-withdrawal" | "transfer" | "loan-interest" | "refund" | "direct-credit" | "interest" | "loan-repayment";
            institution: string;
            connection: string;
            transactionDate: string;
            paymentDetails?: {
                bpay?: {
                    billerCode?: string;
                    billerName?: string;
                    crn?: string;
                };
                apcaNumber?: string;
            };
            postDate: string | null;
            subClass: {
                code?: string;
                title?: string;
            };
            enrich: components["schemas"]["TransactionsEnrich"];
            links: components["schemas"]["TransactionLinks"];
        };
        TransactionLinks: {
            account: string;
            institution: string;
            self: string;
        };
        TransactionsAnzsic: {
            division?: components["schemas"]["TransactionsDivision"];
            subdivision?: components["schemas"]["TransactionsSubdivision"];
            group?: components["schemas"]["TransactionsGroup"];
            class?: components["schemas"]["TransactionsClass"];
            subclass?: components["schemas"]["TransactionsSubClass"];
        };
        TransactionsCategory: {
            /** @enum {string} */
            matchType?: "merchantFull" | "merchantPartial" | "mcc" | "ml" | "none";
            matchScore?: string;
            mcc?: {
                code?: string;
                title?: string;
            };
            anzsic?: components["schemas"]["TransactionsAnzsic"];
        } | null;
        TransactionsClass: {
            title?: string;
            code?: string;
        };
        TransactionsDivision: {
            title?: string;
            code?: string;
        };
        TransactionsEnrich: {
            location: components["schemas"]["TransactionsLocation"];
            cleanDescription: components["schemas"]["TransactionscleanDescription"];
            tags: components["schemas"]["Transactionstags"];
            merchant: components["schemas"]["TransactionsMerchant"];
            category: components["schemas"]["TransactionsCategory"];
        };
        Transactionstags: string[];
        TransactionscleanDescription: string;
        TransactionsGeometry: {
            lat?: string;
            lng?: string;
        };
        TransactionsGetLinks: {
            self: string;
            next?: string;
        };
        /** Transactions container object. */
        TransactionsGetResource: {
            type: string;
            /** Format: int64 */
            count: number;
            /** Format: int64 */
            size: number;
            data: components["schemas"]["TransactionData"][];
            links?: components["schemas"]["TransactionsGetLinks"];
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
        } | null;
        TransactionsMerchant: {
            id: string;
            businessName: string;
            ABN: string;
            logoMaster: string;
            logoThumb: string;
            phoneNumber?: components["schemas"]["TransactionsPhoneNumber"];
            website: string;
        } | null;
        TransactionsPhoneNumber: {
            international?: string;
            local?: string;
        };
        TransactionsSubdivision: {
            code?: string;
            title?: string;
        };
        TransactionsSubClass: {
            title?: string;
            code?: string;
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
    getAccounts: {
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
                    "application/json": components["schemas"]["AccountsResponseResource"];
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
    getAccount: {
        parameters: {
            query?: {
                filter?: string;
            };
            header?: never;
            path: {
                userId: string;
                accountId: string;
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
                    "application/json": components["schemas"]["AccountResponseResource"];
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
    getTransactions: {
        parameters: {
            query?: {
                limit?: number;
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
                    "application/json": components["schemas"]["TransactionsGetResource"];
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
    getTransaction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
                transactionId: string;
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
                    "application/json": components["schemas"]["TransactionData"];
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
    getConnections: {
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
                    "application/json": components["schemas"]["ConnectionsGetResponseResource"];
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
    refreshConnections: {
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
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectionsRefreshResource"];
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
    getConnection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
                connectionId: string;
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
                    "application/json": components["schemas"]["ConnectionGetResponseResource"];
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
    deleteConnection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
                connectionId: string;
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
    refreshConnection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
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
    purgeConnectionData: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
                connectionId: string;
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
    createStatement: {
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
                "multipart/form-data": {
                    institutionId: string;
                    /** Format: binary */
                    statement: Blob;
                };
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatementUploadResource"];
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
    getConnectors: {
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
                    "application/json": components["schemas"]["ConnectorsList"];
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
    getConnector: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectorId: string;
                method: string;
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
                    "application/json": components["schemas"]["Connector"];
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
