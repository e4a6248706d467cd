using Backoffice.Core.Finance;
using Backoffice.Core.Merchants;
using Backoffice.Infra.Finance;
using Backoffice.Infra.Storage;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Backoffice.Finance.Tests.Ledger;

/// <summary>
/// Cash collected = paid out + open balance, for every merchant at every moment, where paid out = transferred to the
/// merchant's bank + fees netted. The model runs random sequences of collections, corrections, refunds, statement
/// closes and payments through the real pieces (the ledger fold, the statement tally, the postings of a paid
/// statement) and computes the open balance independently: entries not yet in a statement plus statements not yet
/// paid; and the ledger's transfers must be exactly what the bank received (each paid statement's net to transfer).
/// </summary>
public sealed class LedgerInvariantProperties
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    [Property(MaxTest = 300)]
    public Property Cash_collected_equals_paid_out_plus_open_balance_after_every_step(byte[] operations, int[] amounts, bool netFees)
    {
        var tariff = new Tariff(100, 250, 50, netFees);
        var ledger = new List<LedgerEntry>();
        var unsettled = new List<LedgerEntry>();
        var unpaid = new Queue<SettlementTotals>();
        long wiredToBank = 0, feesKept = 0;
        var holds = true;
        for (var i = 0; i < operations.Length; i++)
        {
            var amount = amounts.Length == 0 ? 1 : amounts[i % amounts.Length];
            var at = T0.AddMinutes(i);
            switch (operations[i] % 5)
            {
                case 0:
                    Post(new LedgerEntry("m", $"c{i}", LedgerEntryKind.CashCollected, 1 + Math.Abs(amount % 1_000_000), "EUR", at, at, $"ORD-{i}", $"e{i}", "k", 1 + Math.Abs(amount % 1_000_000), tariff));
                    break;
                case 1 when amount % 10_000 != 0:
                    Post(new LedgerEntry("m", $"a{i}", LedgerEntryKind.Correction, amount % 10_000, "EUR", at, at, Reason: "count"));
                    break;
                case 2:
                    Post(new LedgerEntry("m", $"r{i}", LedgerEntryKind.Refund, -1 - Math.Abs(amount % 10_000), "EUR", at, at, Reason: "refund"));
                    break;
                case 3:
                    var tally = new SettlementTally(at.AddDays(-7));
                    foreach (var entry in unsettled)
                    {
                        tally.Add(entry);
                    }

                    unsettled.Clear();
                    if (!tally.Totals.IsEmpty)
                    {
                        unpaid.Enqueue(tally.Totals);
                        holds &= tally.Totals.NetToTransfer == tally.Totals.Gross - tally.Totals.Fees;
                    }

                    break;
                case 4 when unpaid.Count > 0:
                    var paid = unpaid.Dequeue();
                    wiredToBank += paid.NetToTransfer;
                    feesKept += paid.Fees;
                    ledger.AddRange(SettlementActions.PayoutPostings(Statement($"2026-W{i:D2}", paid), FinanceWorld.FinanceUser, at)
                        .Select(p => new LedgerEntry(p.MerchantId, p.Key, p.Kind, p.Amount, p.Currency, p.At, at, Reason: p.Reason, Reference: p.Reference)));
                    break;
            }

            var balance = LedgerBalance.Fold(ledger);
            var open = unsettled.Sum(e => e.Amount) + unpaid.Sum(s => s.Gross);
            holds &= balance.Owed == balance.PaidOut + open && balance.Open == open;
            holds &= balance.Transferred == wiredToBank && balance.FeesNetted == feesKept && balance.PaidOut == balance.Transferred + balance.FeesNetted;
            holds &= ledger.Where(e => e.Kind == LedgerEntryKind.Payout).Sum(e => e.Amount) == wiredToBank;
        }

        return holds.ToProperty();

        void Post(LedgerEntry entry)
        {
            ledger.Add(entry);
            unsettled.Add(entry);
        }
    }

    private static FinanceDocument Statement(string week, SettlementTotals totals) =>
        new(FinanceDocumentKind.Settlement, "m", week, "EUR", "UTC", T0, T0, 0, 0, Json.Serialize(totals), nameof(SettlementState.Paid), T0,
            new Dictionary<string, string>(), BankReference: "SEPA-1");

    [Property(MaxTest = 200)]
    public Property Splitting_a_ledger_into_statements_anywhere_loses_and_doubles_nothing(PositiveInt[] cash, int[] cuts)
    {
        var entries = cash.Select((c, i) => new LedgerEntry("m", $"c{i}", LedgerEntryKind.CashCollected, c.Get, "EUR", T0.AddMinutes(i), T0.AddMinutes(i), $"ORD-{i}", "e", null, c.Get)).ToArray();
        var boundaries = cuts.Select(c => Math.Abs(c % (entries.Length + 1))).Append(0).Append(entries.Length).Distinct().Order().ToArray();
        var statements = boundaries.Zip(boundaries.Skip(1), (from, to) =>
        {
            var tally = new SettlementTally(T0);
            foreach (var e in entries[from..to])
            {
                tally.Add(e);
            }

            return tally.Totals;
        }).ToArray();
        return (statements.Sum(s => s.Orders) == entries.Length && statements.Sum(s => s.CashCollected) == entries.Sum(e => e.Amount)).ToProperty();
    }
}
