using System.Security.Claims;
using Backoffice.Api.Auth;
using Backoffice.Api.Webhooks;
using Backoffice.Core.Finance;
using Backoffice.Core.Merchants;
using Backoffice.Core.Orders;
using Backoffice.Infra.Finance;
using Backoffice.Infra.Merchants;
using Microsoft.AspNetCore.Http;
using Backoffice.Contracts.Finance;

namespace Backoffice.Api.Finance;

internal static class LedgerEndpoints
{
    public static async Task<IResult> BalanceAsync(string merchantId, MerchantStore merchants, CashLedger ledger, CancellationToken ct)
    {
        if (!MerchantIds.IsValid(merchantId) || await merchants.FindAsync(merchantId, ct).ConfigureAwait(false) is null)
        {
            return Problems.Problems.NotFound("merchant");
        }

        var b = await ledger.BalanceAsync(merchantId, ct).ConfigureAwait(false);
        return Results.Ok(FinanceViews.Ledger(merchantId, b));
    }

    /// <summary>A correction (either sign) or a refund (negative), with a reason; <c>requestId</c> makes a retried call post once.</summary>
    public static async Task<IResult> AdjustAsync(string merchantId, HttpRequest request, ClaimsPrincipal user, MerchantStore merchants, CashLedger ledger, TimeProvider clock, CancellationToken ct)
    {
        var merchant = MerchantIds.IsValid(merchantId) ? await merchants.FindAsync(merchantId, ct).ConfigureAwait(false) : null;
        if (merchant is null)
        {
            return Problems.Problems.NotFound("merchant");
        }

        var (body, problem) = await Problems.JsonBody.ReadAsync<AdjustmentRequest>(request, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        LedgerEntryKind? kind = body!.Kind switch
        {
            "correction" => LedgerEntryKind.Correction,
            "refund" => LedgerEntryKind.Refund,
            _ => null,
        };
        if (kind is null)
        {
            errors.Add("kind", "correction or refund.");
        }

        var reason = errors.Text("reason", body.Reason, 300);
        if (!FencedLog.IsValidKey(body.RequestId) || body.RequestId!.Length > 64)
        {
            errors.Add("requestId", "Required: 1-64 characters of A-Z, a-z, 0-9, '-', '_' or '.'; the same id posts once.");
        }

        if (body.OrderId is not null && !OrderIds.IsWellFormed(body.OrderId))
        {
            errors.Add("orderId", "An order id such as ORD-0123456789AB.");
        }

        if (body.Amount is not { } amount || Math.Abs(amount) > FieldErrors.MaxAmount)
        {
            errors.Add("amount", $"Required: minor units, at most {FieldErrors.MaxAmount} either way.");
        }
        else if (kind is { } k && LedgerEntry.SignProblem(k, amount) is { } signProblem)
        {
            errors.Add("amount", signProblem);
        }

        if (errors.Any)
        {
            return Problems.Problems.Validation(errors.ToDictionary());
        }

        var posted = await ledger.PostAsync(new LedgerPosting(merchantId, $"adjustment~{body.RequestId}", kind!.Value, body.Amount!.Value, merchant.Currency,
            clock.GetUtcNow(), OrderId: body.OrderId, Reason: reason, By: user.ToActor()), ct).ConfigureAwait(false);
        var b = await ledger.BalanceAsync(merchantId, ct).ConfigureAwait(false);
        var view = FinanceViews.Ledger(merchantId, b);
        return posted.Appended ? Results.Created($"/api/finance/merchants/{merchantId}/ledger", view) : Results.Ok(view);
    }
}
