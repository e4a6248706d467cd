using Backoffice.Core.Finance;
using Xunit;

namespace Backoffice.Finance.Tests.Ledger;

public sealed class SettlementTransitionsTests
{
    private static readonly SettlementPayment Transfer = new("BANK-REF-1", new DateOnly(2026, 11, 24));

    [Fact]
    public void Only_a_draft_can_be_approved()
    {
        Assert.Null(SettlementTransitions.Approve(SettlementState.Draft));
        Assert.Equal("already-approved", SettlementTransitions.Approve(SettlementState.Approved)?.Code);
        Assert.Equal("state-forbids", SettlementTransitions.Approve(SettlementState.Paid)?.Code);
    }

    [Fact]
    public void Only_an_approved_statement_can_be_paid()
    {
        Assert.Equal("state-forbids", SettlementTransitions.MarkPaid(SettlementState.Draft, null, Transfer)?.Code);
        Assert.Null(SettlementTransitions.MarkPaid(SettlementState.Approved, null, Transfer));
    }

    [Fact]
    public void Paying_again_with_the_same_transfer_is_recognised_and_with_another_is_refused()
    {
        Assert.Equal("already-paid", SettlementTransitions.MarkPaid(SettlementState.Paid, Transfer, Transfer)?.Code);
        Assert.Equal("state-forbids", SettlementTransitions.MarkPaid(SettlementState.Paid, Transfer, Transfer with { BankReference = "OTHER" })?.Code);
    }

    [Theory]
    [InlineData(LedgerEntryKind.CashCollected, 0)]
    [InlineData(LedgerEntryKind.CashCollected, -1)]
    [InlineData(LedgerEntryKind.Refund, 1)]
    [InlineData(LedgerEntryKind.Correction, 0)]
    public void Postings_with_the_wrong_sign_are_refused(LedgerEntryKind kind, long amount) => Assert.NotNull(LedgerEntry.SignProblem(kind, amount));

    [Theory]
    [InlineData(LedgerEntryKind.Correction, -1)]
    [InlineData(LedgerEntryKind.Correction, 1)]
    [InlineData(LedgerEntryKind.Refund, -1)]
    public void Corrections_go_either_way_and_refunds_give_cash_back(LedgerEntryKind kind, long amount) => Assert.Null(LedgerEntry.SignProblem(kind, amount));
}
