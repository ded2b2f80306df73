// generated from affordability.yml sha256 4c5e667988ed54b6602a88194adc7825b7e1cccb44a83ab1fb446e7abad9f343, do not edit

export interface paths {
    "/users/{userId}/affordability": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * @see https://api.basiq.io/reference/getaffordabilitylist
         * @deprecated
         */
        get: operations["getAffordabilityList"];
        put?: never;
        /**
         * @see https://api.basiq.io/reference/postaffordability
         * @deprecated
         */
        post: operations["postAffordability"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{userId}/affordability/{snapshotId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * @see https://api.basiq.io/reference/getaffordability
         * @deprecated
         */
        get: operations["getAffordability"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{userId}/affordability/{snapshotId}/transactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * @see https://api.basiq.io/reference/getaffordabilitysnapshottransactions
         * @deprecated
         */
        get: operations["getAffordabilitySnapshotTransactions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{userId}/expenses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * @see https://api.basiq.io/reference/postexpenses
         * @deprecated
         */
        post: operations["postExpenses"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{userId}/expenses/{snapshotId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * @see https://api.basiq.io/reference/getexpenses
         * @deprecated
         */
        get: operations["getExpenses"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{userId}/income": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * @see https://api.basiq.io/reference/postincome
         * @deprecated
         */
        post: operations["postIncome"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{userId}/income/{snapshotId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * @see https://api.basiq.io/reference/getincome
         * @deprecated
         */
        get: operations["getIncome"];
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
        AccountType: {
            product: string;
            type: string;
        };
        AffordabilityAssetsData: {
            type: string;
            account: components["schemas"]["AccountType"];
            availableFunds: string;
            balance: string;
            currency: string;
            institution: string;
            previous6Months: components["schemas"]["AssetsPrevious6MonthsData"];
        };
        /** AffordabilityLinksInList */
        AffordabilityLinksInList: {
            expenses: string;
            income: string;
            self: string;
        };
        AffordabilityListData: {
            type: string;
            id: string;
            /** Format: int64 */
            coverageDays?: number;
            fromMonth: string;
            toMonth: string;
            generatedDate: string;
            institutions?: string[];
            links: components["schemas"]["AffordabilityLinksInList"];
        };
        AffordabilityListLinks: {
            self: string;
        };
        /** AffordabilityListResponse */
        AffordabilityListResponse: {
            type: string;
            data: components["schemas"]["AffordabilityListData"][];
            links: components["schemas"]["AffordabilityListLinks"];
        };
        AffordabilityPostRequest: {
            accounts?: string[];
            fromMonth?: string;
            toMonth?: string;
        };
        AffordabilityRegularIncomeData: {
            previous3Months: components["schemas"]["AvgMonthlyData"];
        };
        /** AffordabilityResponse */
        AffordabilityResponse: {
            type: string;
            id: string;
            /** Format: int64 */
            coverageDays?: number;
            assets: components["schemas"]["AffordabilityAssetsData"][];
            external: components["schemas"]["ExternalLiabilityData"][];
            fromMonth: string;
            toMonth: string;
            generatedDate: string;
            liabilities: components["schemas"]["LiabilitiesData"];
            summary: components["schemas"]["AffordabilitySummary"];
            links: components["schemas"]["GetAffordabilityLinks"];
        };
        AffordabilitySummary: {
            assets: string | null;
            creditLimit: string | null;
            expenses: string;
            liabilities: string | null;
            loanRepaymentMonthly: string | null;
            netPosition: string | null;
            potentialLiabilitiesMonthly: string | null;
            regularIncome: components["schemas"]["AffordabilityRegularIncomeData"];
            savings: string | null;
        };
        subClassAffordability: {
            title: string;
            Code: number;
        };
        AffordabilityTransactionLinks: {
            account: string;
            institution: string;
        };
        AffordabilityTransactionsGetLinks: {
            self: string;
            next?: string;
        };
        /** AffordabilityTransactionsResponse */
        AffordabilityTransactionsResponse: {
            type: string;
            /** Format: int64 */
            count: number;
            /** Format: int64 */
            size: number;
            data: components["schemas"]["TransactionDataAffordability"][];
            links: components["schemas"]["AffordabilityTransactionsGetLinks"];
        };
        AssetsPrevious6MonthsData: {
            maxBalance: string | null;
            minBalance: string | null;
        };
        AvgMonthlyData: {
            avgMonthly: string | null;
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
        CategoryDataExpenses: {
            expenseClass: components["schemas"]["ExpensesClass"];
        };
        ChangeHistoryAffordabilityData: {
            amount: string;
            /** Format: date */
            date: string;
            /** @enum {string} */
            direction: "debit" | "credit";
            source: string;
        };
        ChangeHistoryExpensesClass: {
            amount: string;
            date: string;
        };
        ChangeHistoryExternal: {
            amount: string;
            /** Format: date */
            date: string;
            source: string;
        };
        ChangeHistoryIncome: {
            amount: string;
            date: string;
            source: string;
        };
        ClassResourceExpenses: {
            avgMonthly: string;
            changeHistory: components["schemas"]["ChangeHistoryExpensesClass"][];
            summary: string;
        };
        CreditLiabilities: {
            account: components["schemas"]["AccountType"];
            availableFunds: string | null;
            balance: string | null;
            creditLimit: string | null;
            currency: string;
            institution: string;
            previous6Months: components["schemas"]["Previous6MonthsCreditLiabilities"];
            previousMonth: components["schemas"]["PreviousMonthDataLiabilities"];
        };
        CurrentIrregularSource: {
            amount: string;
            date: string;
        };
        CurrentOtherCreditSource: {
            amount: string;
            date: string;
            otherCreditLabel: string;
        };
        CurrentRegularSource: {
            amount: string;
            date: string;
            nextDate: string | null;
        };
        ExpensesClass: {
            classCode: string;
            classTitle: string;
            divisionCode: string;
            divisionTitle: string;
        };
        ExpensesLinks: {
            accounts: string[];
            self: string;
        };
        ExpensesPostRequest: {
            accounts?: string[];
            fromMonth?: string;
            toMonth?: string;
        };
        /** ExpensesResponse */
        ExpensesResponse: {
            type: string;
            id: string;
            /** Format: int64 */
            coverageDays?: number;
            bankFees: components["schemas"]["ClassResourceExpenses"];
            cashWithdrawals: components["schemas"]["ClassResourceExpenses"];
            externalTransfers: components["schemas"]["ClassResourceExpenses"];
            fromMonth: string;
            loanInterests: components["schemas"]["ClassResourceExpenses"];
            loanRepayments: components["schemas"]["ClassResourceExpenses"];
            payments: components["schemas"]["PaymentsSummaryExpenses"][];
            toMonth: string;
            links?: components["schemas"]["ExpensesLinks"];
        };
        ExternalLiabilityData: {
            changeHistory: components["schemas"]["ChangeHistoryExternal"][];
            payments: components["schemas"]["ExternalPayment"][];
            source: string;
        };
        ExternalPayment: {
            amountAvg: string;
            amountAvgMonthly: string;
            /** Format: date */
            first: string;
            /** Format: date */
            last: string;
            /** Format: int64 */
            noOccurrences: number;
            total: string;
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
        Gap: string;
        /** GetAffordabilityLinks */
        GetAffordabilityLinks: {
            accounts: string[];
            expenses: string;
            income: string;
            self: string;
        };
        IncomeLinks: {
            accounts: string[];
            self: string;
        };
        IncomePostRequest: {
            accounts?: string[];
            fromMonth?: string;
            toMonth?: string;
        };
        /** IncomeResponse */
        IncomeResponse: {
            type: string;
            id: string;
            /** Format: int64 */
            coverageDays?: number;
            fromMonth: string;
            toMonth: string;
            regular?: components["schemas"]["RegularSource"][];
            irregular?: components["schemas"]["IrregularSource"][];
            otherCredit?: components["schemas"]["OtherCreditSource"][];
            summary: components["schemas"]["IncomeSummary"];
            links?: components["schemas"]["IncomeLinks"];
        };
        IncomeSummary: {
            irregularIncomeAvg: string | null;
            regularIncomeAvg: string | null;
            regularIncomeYTD: string | null;
            regularIncomeYear: string | null;
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
        IrregularSource: {
            /** Format: int64 */
            ageDays: number;
            amountAvg: string;
            avgMonthlyOccurence: string;
            changeHistory: components["schemas"]["ChangeHistoryIncome"][];
            current: components["schemas"]["CurrentIrregularSource"];
            frequency: string;
            /** Format: int64 */
            noOccurrences: number;
            source: string;
        };
        IrregularityIncome: {
            gaps: components["schemas"]["Gap"][];
            stability: string;
        };
        LiabilitiesData: {
            credit: components["schemas"]["CreditLiabilities"][];
            loan: components["schemas"]["LoanLiabilities"][];
        };
        LoanLiabilities: {
            account: components["schemas"]["AccountType"];
            availableFunds: string | null;
            balance: string | null;
            changeHistory: components["schemas"]["ChangeHistoryAffordabilityData"][];
            currency: string;
            institution: string;
            previous6Months: components["schemas"]["Previous6MonthsLoan"];
            previousMonth: components["schemas"]["PreviousMonthDataLoanLiabilities"];
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
        OtherCreditSource: {
            /** Format: int64 */
            ageDays: number;
            amountAvg: string;
            avgMonthlyOccurence: string;
            changeHistory: components["schemas"]["ChangeHistoryIncome"][];
            current: components["schemas"]["CurrentOtherCreditSource"];
            /** @enum {string} */
            frequency: "daily" | "weekly" | "bi-weekly" | "monthly" | "bi-monthly" | "quarterly" | "half-year" | "yearly" | "other" | "irregular";
            /** Format: int64 */
            noOccurrences: number;
            source: string;
        };
        PaymentsSummaryExpenses: {
            avgMonthly: string;
            division: string;
            /** Format: double */
            percentageTotal: number;
            subCategory: components["schemas"]["SubCategoryExpenses"][];
        };
        Previous3MonthsIncome: {
            amountAvg: string;
            amountAvgMonthly: string;
            variance: string;
        };
        Previous6MonthsCreditLiabilities: {
            cashAdvances: string;
        };
        Previous6MonthsLoan: {
            arrears: string | null;
        };
        PreviousMonthDataLiabilities: {
            maxBalance: string;
            minBalance: string;
            totalCredits: string;
            totalDebits: string;
        };
        PreviousMonthDataLoanLiabilities: {
            totalCredits: string;
            totalDebits: string;
            totalInterestCharged: string;
            totalRepayments: string;
        };
        RegularSource: {
            source: string;
            /** Format: int64 */
            ageDays: number;
            changeHistory: components["schemas"]["ChangeHistoryIncome"][];
            current: components["schemas"]["CurrentRegularSource"];
            /** @enum {string} */
            frequency: "daily" | "weekly" | "bi-weekly" | "monthly" | "bi-monthly" | "quarterly" | "half-year" | "yearly";
            irregularity: components["schemas"]["IrregularityIncome"];
            previous3Months: components["schemas"]["Previous3MonthsIncome"];
        };
        /** Source */
        Source: {
            parameter?: string;
            pointer?: string;
        };
        SubCategoryExpenses: {
            category: components["schemas"]["CategoryDataExpenses"];
            changeHistory: components["schemas"]["ChangeHistoryExpensesClass"][];
            summary: string;
        };
        TransactionDataAffordability: {
            type: string;
            id: string;
            account: string;
            amount: string;
            balance: string;
            /** @enum {string} */
            class: "bank-fee" | "payment" | "cash-withdrawal" | "transfer" | "loan-interest" | "refund" | "direct-cedit" | "interest" | "loan-repayment";
            description: string;
            /** @enum {string} */
            direction: "debit" | "credit";
            institution: string;
            postDate: string;
            subClass?: components["schemas"]["subClassAffordability"];
            /** @enum {string} */
            status: "pending" | "posted";
            transactionDate: string;
            links: components["schemas"]["AffordabilityTransactionLinks"];
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
    getAffordabilityList: {
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
                    "application/json": components["schemas"]["AffordabilityListResponse"];
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
    postAffordability: {
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
                "application/json": components["schemas"]["AffordabilityPostRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AffordabilityResponse"];
                    "application/pdf": components["schemas"]["AffordabilityResponse"];
                };
            };
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
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
                    "application/pdf": components["schemas"]["BadRequestError"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ForbiddenAccessError"];
                    "application/pdf": components["schemas"]["ForbiddenAccessError"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotFoundError"];
                    "application/pdf": components["schemas"]["NotFoundError"];
                };
            };
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InternalServerError"];
                    "application/pdf": components["schemas"]["InternalServerError"];
                };
            };
        };
    };
    getAffordability: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
                snapshotId: string;
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
                    "application/json": components["schemas"]["AffordabilityResponse"];
                    "application/pdf": components["schemas"]["AffordabilityResponse"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BadRequestError"];
                    "application/pdf": components["schemas"]["BadRequestError"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ForbiddenAccessError"];
                    "application/pdf": components["schemas"]["ForbiddenAccessError"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotFoundError"];
                    "application/pdf": components["schemas"]["NotFoundError"];
                };
            };
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InternalServerError"];
                    "application/pdf": components["schemas"]["InternalServerError"];
                };
            };
        };
    };
    getAffordabilitySnapshotTransactions: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                userId: string;
                snapshotId: string;
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
                    "application/json": components["schemas"]["AffordabilityTransactionsResponse"];
                    "application/csv": components["schemas"]["AffordabilityTransactionsResponse"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BadRequestError"];
                    "application/csv": components["schemas"]["BadRequestError"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ForbiddenAccessError"];
                    "application/csv": components["schemas"]["ForbiddenAccessError"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotFoundError"];
                    "application/csv": components["schemas"]["NotFoundError"];
                };
            };
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InternalServerError"];
                    "application/csv": components["schemas"]["InternalServerError"];
                };
            };
        };
    };
    postExpenses: {
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
                "application/json": components["schemas"]["ExpensesPostRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExpensesResponse"];
                };
            };
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
    getExpenses: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
                snapshotId: string;
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
                    "application/json": components["schemas"]["ExpensesResponse"];
                    "text/csv": components["schemas"]["ExpensesResponse"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BadRequestError"];
                    "text/csv": components["schemas"]["BadRequestError"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ForbiddenAccessError"];
                    "text/csv": components["schemas"]["ForbiddenAccessError"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotFoundError"];
                    "text/csv": components["schemas"]["NotFoundError"];
                };
            };
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InternalServerError"];
                    "text/csv": components["schemas"]["InternalServerError"];
                };
            };
        };
    };
    postIncome: {
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
                "application/json": components["schemas"]["IncomePostRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IncomeResponse"];
                };
            };
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
    getIncome: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
                snapshotId: string;
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
                    "application/json": components["schemas"]["IncomeResponse"];
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
