using System.Security.Claims;
using Backoffice.Core.Common;
using Backoffice.Core.Merchants;

namespace Backoffice.Api.Auth;

/// <summary>
/// The one rule that turns what Entra ID says about a person into back-office roles, shared by the Static Web Apps
/// <c>rolesSource</c> endpoint (which names SWA roles) and <see cref="StaticWebAppsPrincipal"/> (which reads them back):
/// roles we do not know are dropped; a merchant is scoped to exactly one valid merchant id or gets nothing; and the
/// merchant role is exclusive, so a merchant account that also carries a staff role never gains staff rights.
/// </summary>
public static class StaticWebAppsRoles
{
    /// <summary>The SWA role naming a merchant owner's merchant, next to the plain <c>merchant</c> role.</summary>
    public const string MerchantRolePrefix = "merchant-";

    /// <summary>Claim types that carry Entra app roles, as the ID token names them and as claim mapping may rename them.</summary>
    public static readonly IReadOnlyList<string> RoleClaimTypes = [Tenancy.RoleClaim, "role", ClaimTypes.Role];

    /// <summary>Claim types that carry the merchant: the directory extension (docs/deployment.md) or a mapped claim.</summary>
    public static readonly IReadOnlyList<string> MerchantClaimTypes = [Tenancy.EntraExtensionMerchantClaim, Tenancy.MerchantClaim];

    /// <summary>What Static Web Apps posts to <c>rolesSource</c> after a sign-in: the identity provider's claims.</summary>
    public sealed record SignIn(string? IdentityProvider, string? UserId, string? UserDetails, IReadOnlyList<SignInClaim?>? Claims);

    public sealed record SignInClaim(string? Typ, string? Val);

    /// <summary>The answer Static Web Apps expects: the custom roles to give the session.</summary>
    public sealed record Assigned(IReadOnlyList<string> Roles);

    /// <summary>A person's back-office roles, and the merchant when the role is <c>merchant</c>.</summary>
    public sealed record Grant(IReadOnlyList<string> Roles, string? MerchantId)
    {
        public static Grant None { get; } = new([], null);
    }

    /// <summary>The SWA roles for a sign-in: staff roles as they are, or <c>merchant</c> plus <c>merchant-{id}</c>.</summary>
    public static IReadOnlyList<string> ForSignIn(SignIn signIn)
    {
        ArgumentNullException.ThrowIfNull(signIn);
        var claims = (signIn.Claims ?? []).Where(c => c is { Typ: not null, Val: not null }).Select(c => c!).ToArray();
        var grant = Decide(
            claims.Where(c => RoleClaimTypes.Contains(c.Typ!, StringComparer.OrdinalIgnoreCase)).Select(c => c.Val!),
            claims.Where(c => MerchantClaimTypes.Contains(c.Typ!, StringComparer.OrdinalIgnoreCase)).Select(c => c.Val!));
        return grant.MerchantId is { } merchant ? [Roles.Merchant, MerchantRolePrefix + merchant] : grant.Roles;
    }

    /// <summary>Reads the SWA roles of a forwarded client principal back into a grant (the inverse of <see cref="ForSignIn"/>).</summary>
    public static Grant FromSessionRoles(IEnumerable<string?> userRoles)
    {
        var roles = userRoles.OfType<string>().ToArray();
        return Decide(
            roles,
            roles.Where(r => r.StartsWith(MerchantRolePrefix, StringComparison.OrdinalIgnoreCase)).Select(r => r[MerchantRolePrefix.Length..]));
    }

    /// <summary>The rule itself, over role values and candidate merchant ids from whichever source.</summary>
    public static Grant Decide(IEnumerable<string> roleValues, IEnumerable<string> merchantIds)
    {
        ArgumentNullException.ThrowIfNull(roleValues);
        ArgumentNullException.ThrowIfNull(merchantIds);
        var known = Roles.All.Where(role => roleValues.Any(v => string.Equals(v.Trim(), role, StringComparison.OrdinalIgnoreCase))).ToArray();
        if (!known.Contains(Roles.Merchant))
        {
            return known.Length == 0 ? Grant.None : new Grant(known, null);
        }

        // Merchant ids are case-sensitive keys; two different ones are ambiguous, so neither is trusted.
        var merchants = merchantIds.Select(m => m.Trim()).Distinct(StringComparer.Ordinal).ToArray();
        return merchants is [var only] && MerchantIds.IsValid(only) ? new Grant([Roles.Merchant], only) : Grant.None;
    }
}
