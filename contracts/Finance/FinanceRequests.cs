namespace Backoffice.Contracts.Finance;

/// <summary>Settle an ISO week (<c>week</c>, e.g. 2026-W47) or invoice a month (<c>month</c>, 2026-11), for one merchant or, without <c>merchantId</c>, all.</summary>
public sealed record RunRequest(string? Week, string? Month, string? MerchantId);

/// <summary>The bank transfer of an approved statement: its reference and the day it was made (yyyy-MM-dd).</summary>
public sealed record PaymentRequest(string? BankReference, DateOnly? PaidOn);

/// <summary>
/// A ledger entry by hand: <c>kind</c> correction (either sign) or refund (negative), an amount in minor units, a reason,
/// optionally the order; <c>requestId</c> makes a retried call post once.
/// </summary>
public sealed record AdjustmentRequest(string? Kind, string? OrderId, long? Amount, string? Reason, string? RequestId);
