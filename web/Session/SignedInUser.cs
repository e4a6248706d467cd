namespace Backoffice.Web.Session;

/// <summary>How the person signed in: the local Development sign-in (a dev bearer token) or Static Web Apps (Entra ID).</summary>
public enum SignInKind
{
    Development,
    StaticWebApps,
}

/// <summary>Who is using the console: one role, and for a merchant owner the one merchant they may see.</summary>
public sealed record SignedInUser(string Role, string? MerchantId, string DisplayName, SignInKind Kind, string? AccessToken, DateTimeOffset? ExpiresAt)
{
    public bool IsMerchant => Role == Roles.Merchant;

    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } at && at <= now;
}
