using Azure.Data.Tables;
using Backoffice.Core.Common;
using Backoffice.Core.Finance;

namespace Backoffice.Infra.Finance;

/// <summary>The result of a finance action: the document after it, or why it was refused (null document: not found).</summary>
public sealed record ActionResult(FinanceDocument? Document, FinanceRefusal? Refusal);

/// <summary>
/// Finance's actions on a statement: approve, then record the bank transfer. Each change is ETag-guarded and commits
/// with its audit row; paying also posts the payout and the fees netted to the ledger (keyed by the week, so a retried
/// call posts once).
/// </summary>
public sealed class SettlementActions(FinanceDocumentStore documents, CashLedger ledger, TimeProvider clock)
{
    public Task<ActionResult> ApproveAsync(string merchantId, SettlementWeek week, Actor by, CancellationToken ct = default) =>
        ChangeAsync(merchantId, week, ct, document =>
        {
            var state = Enum.Parse<SettlementState>(document.State);
            return SettlementTransitions.Approve(state) is { } refusal
                ? (null, refusal)
                : (document with { State = nameof(SettlementState.Approved), ApprovedBy = by.UserId, ApprovedAt = clock.GetUtcNow() },
                    FinanceDocumentStore.Audit("approved", document.State, nameof(SettlementState.Approved), by, clock.GetUtcNow()));
        });

    public async Task<ActionResult> MarkPaidAsync(string merchantId, SettlementWeek week, SettlementPayment payment, Actor by, CancellationToken ct = default)
    {
        var result = await ChangeAsync(merchantId, week, ct, document =>
        {
            var state = Enum.Parse<SettlementState>(document.State);
            var recorded = document.BankReference is { } reference && document.PaidOn is { } paidOn ? new SettlementPayment(reference, paidOn) : null;
            return SettlementTransitions.MarkPaid(state, recorded, payment) is { } refusal
                ? (null, refusal)
                : (document with
                {
                    State = nameof(SettlementState.Paid), PaidBy = by.UserId, PaidAt = clock.GetUtcNow(), BankReference = payment.BankReference, PaidOn = payment.PaidOn,
                }, FinanceDocumentStore.Audit("paid", document.State, nameof(SettlementState.Paid), by, clock.GetUtcNow(), $"bank reference {payment.BankReference}, paid on {payment.PaidOn:yyyy-MM-dd}"));
        }).ConfigureAwait(false);

        // Paying again with the same transfer is a harmless retry: it completes a payout posting a crash may have missed.
        var done = result.Refusal is null || result.Refusal.Code == "already-paid";
        if (done && result.Document is { } paid)
        {
            await ledger.PostAllAsync(PayoutPostings(paid, by, clock.GetUtcNow()), ct).ConfigureAwait(false);
            return new ActionResult(paid, null);
        }

        return result;
    }

    /// <summary>
    /// What paying a statement posts, in one transaction: the transfer the merchant's bank receives (net to transfer) as
    /// the payout, and the fees the statement netted as their own entry, so the ledger's payouts match the bank and
    /// gross = payout + fees netted leaves the open balance. Keys are the week's, so a retried payment posts once.
    /// </summary>
    public static IReadOnlyList<LedgerPosting> PayoutPostings(FinanceDocument paid, Actor by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(paid);
        var totals = paid.Totals<SettlementTotals>();
        var postings = new List<LedgerPosting>
        {
            new(paid.MerchantId, $"payout~{paid.Period}", LedgerEntryKind.Payout, totals.NetToTransfer, paid.Currency, at,
                Reason: $"Settlement {paid.Period}: bank transfer of the net to transfer (gross {MoneyText.Format(totals.Gross, paid.Currency)} less fees netted)",
                By: by, Reference: paid.BankReference),
        };
        if (totals.Fees != 0)
        {
            postings.Add(new(paid.MerchantId, $"fees~{paid.Period}", LedgerEntryKind.FeesNetted, totals.Fees, paid.Currency, at,
                Reason: $"Settlement {paid.Period}: fees kept from the cash, counted as paid on the fee invoice", By: by, Reference: paid.BankReference));
        }

        return postings;
    }

    private async Task<ActionResult> ChangeAsync(
        string merchantId, SettlementWeek week, CancellationToken ct, Func<FinanceDocument, (FinanceDocument? Changed, object Why)> decide)
    {
        while (true)
        {
            var document = await documents.GetAsync(FinanceDocumentKind.Settlement, merchantId, week.Label, ct).ConfigureAwait(false);
            if (document is null)
            {
                return new ActionResult(null, null);
            }

            var (changed, why) = decide(document);
            if (changed is null)
            {
                return new ActionResult(document, (FinanceRefusal)why);
            }

            try
            {
                await documents.TransitionAsync(changed, (FinanceAudit)why, ct).ConfigureAwait(false);
                return new ActionResult(await documents.GetAsync(FinanceDocumentKind.Settlement, merchantId, week.Label, ct).ConfigureAwait(false), null);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 412)
            {
                // Someone changed it since we read it: read again and decide again.
            }
        }
    }
}
