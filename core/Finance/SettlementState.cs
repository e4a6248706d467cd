namespace Backoffice.Core.Finance;

/// <summary>A statement's life: Draft (made by the weekly run) → Approved (finance) → Paid (finance records the transfer).</summary>
public enum SettlementState
{
    Draft,
    Approved,
    Paid,
}

/// <summary>The bank transfer that paid a statement.</summary>
public sealed record SettlementPayment(string BankReference, DateOnly PaidOn);

/// <summary>Which state changes are allowed. A refusal names a stable code and says why.</summary>
public static class SettlementTransitions
{
    public const int MaxBankReferenceLength = 64;

    public static FinanceRefusal? Approve(SettlementState current) => current switch
    {
        SettlementState.Draft => null,
        SettlementState.Approved => new FinanceRefusal("already-approved", "The statement is already approved."),
        _ => new FinanceRefusal("state-forbids", $"A {current} statement cannot be approved."),
    };

    public static FinanceRefusal? MarkPaid(SettlementState current, SettlementPayment? recorded, SettlementPayment requested) => current switch
    {
        SettlementState.Approved => null,
        SettlementState.Paid when recorded == requested => new FinanceRefusal("already-paid", "The statement is already paid with this transfer."),
        SettlementState.Paid => new FinanceRefusal("state-forbids", "The statement is already paid with another transfer."),
        _ => new FinanceRefusal("state-forbids", "Only an approved statement can be paid; approve it first."),
    };
}

/// <summary>Why a finance action was refused.</summary>
public sealed record FinanceRefusal(string Code, string Message);
