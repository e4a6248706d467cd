namespace Backoffice.Infra.Finance;

public enum RunOutcome
{
    /// <summary>The document, its files and the finance message were made now.</summary>
    Created,

    /// <summary>The period was done before (or by a concurrent run): nothing changed.</summary>
    AlreadyExists,

    /// <summary>Nothing was recorded for the merchant in the period: no document.</summary>
    NothingToDo,

    /// <summary>The period has not ended yet in the merchant's time zone.</summary>
    NotEnded,

    /// <summary>A later period is already closed, and it took this period's entries.</summary>
    Superseded,

    UnknownMerchant,

    /// <summary>
    /// An invoice waits: some delivered cash orders of the month have no cash collection in the ledger yet, and what
    /// their settlements net decides what the invoice bills. Nothing is issued; a later run issues it.
    /// </summary>
    AwaitingCash,
}

public sealed record RunResult(string MerchantId, string Period, RunOutcome Outcome, FinanceDocument? Document = null);
