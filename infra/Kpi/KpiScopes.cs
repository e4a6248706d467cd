namespace Backoffice.Infra.Kpi;

/// <summary>
/// Whose figures a row holds: one merchant in one currency, or all merchants in one currency. Different currencies
/// never share a row, so nothing ever adds euros to dollars. Merchant ids are lower-case, so "*" cannot collide.
/// </summary>
public static class KpiScopes
{
    public static string Merchant(string merchantId, string currency) => $"{merchantId}.{currency}";

    public static string Total(string currency) => $"*.{currency}";
}

/// <summary>
/// A subject's freshly computed contribution, and where it lives: the merchant scope and the cohort month.
/// <see cref="Prior"/> carries the stored part when the caller has just read it (null inside: known to be absent).
/// </summary>
public sealed record KpiUpdate(KpiSubject Subject, string Currency, string Month, long Version, Core.Kpi.KpiContribution Contribution)
{
    public string Scope => KpiScopes.Merchant(Subject.MerchantId, Currency);

    public KpiPrior? Prior { get; init; }
}

/// <summary>What was stored for a subject when its update was computed.</summary>
public sealed record KpiPrior(KpiStoredPart? Part);

/// <summary>Where a subject's contribution is kept: its merchant scope's partition of its cohort month.</summary>
public sealed record KpiLocation(string MerchantId, string Currency, string Month)
{
    public string Scope => KpiScopes.Merchant(MerchantId, Currency);
}
