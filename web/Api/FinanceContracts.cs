using System.Text.Json;

namespace Backoffice.Web.Api;

// Finance documents (api/Finance/FinanceViews.cs): a weekly settlement or a monthly invoice, with its state, totals
// (different per kind, so kept as JSON) and file links.

public sealed record FinanceFiles(string Csv, string Xlsx, string Pdf);

public sealed record FinanceDocument(
    string Kind, string MerchantId, string Period, string Currency, string TimeZone, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, string State,
    DateTimeOffset CreatedAt, JsonElement Totals, string? ApprovedBy, DateTimeOffset? ApprovedAt, string? PaidBy, DateTimeOffset? PaidAt, string? BankReference,
    DateOnly? PaidOn, FinanceFiles Files)
{
    public long Total(string name) => Totals.ValueKind == JsonValueKind.Object && Totals.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;

    public bool IsDraft => string.Equals(State, "Draft", StringComparison.OrdinalIgnoreCase);

    public bool IsApproved => string.Equals(State, "Approved", StringComparison.OrdinalIgnoreCase);
}

public sealed record RunRequest(string? Week, string? Month, string? MerchantId);

public sealed record RunResult(string MerchantId, string Period, string Outcome, FinanceDocument? Document);

public sealed record PaymentRequest(string BankReference, DateOnly PaidOn);
