using System.Security.Claims;
using Backoffice.Core.Common;

namespace Backoffice.Api.Auth;

/// <summary>
/// The one rule every authentication scheme's principal passes through before any policy sees it (bearer tokens from the
/// development issuer and from Entra ID in <see cref="AuthSetup"/>, the Static Web Apps header in
/// <see cref="StaticWebAppsAuthenticationHandler"/>): a principal holding the merchant role is a merchant only, scoped to
/// exactly one merchant; a merchant id given as an array or more than once is refused outright. Without it a token with
/// <c>roles: ["merchant","supervisor"]</c> was a supervisor to every policy and a merchant only to the scope check.
/// The role decision itself is <see cref="StaticWebAppsRoles.Decide"/>, which the console's sign-in already applied.
/// </summary>
public static class PrincipalRules
{
    /// <summary>The principal the policies may see, or why the credential is refused (authentication fails: 401).</summary>
    public static (ClaimsPrincipal? Principal, string? Failure) Normalise(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var merchantClaims = principal.Claims.Where(IsMerchantClaim).ToArray();
        if (merchantClaims.Length > 1)
        {
            return (null, "The credential names a merchant more than once (an array or a repeated merchant_id claim).");
        }

        var roleValues = principal.Identities.SelectMany(i => i.Claims.Where(c => c.Type == i.RoleClaimType || c.Type == Tenancy.RoleClaim)).Select(c => c.Value).ToArray();
        var grant = StaticWebAppsRoles.Decide(roleValues, merchantClaims.Select(c => c.Value));
        var claimsMerchant = roleValues.Any(v => string.Equals(v.Trim(), Roles.Merchant, StringComparison.OrdinalIgnoreCase));
        if (claimsMerchant && grant.MerchantId is null)
        {
            return (null, "A merchant credential must name exactly one valid merchant.");
        }

        return (Rebuild(principal, grant), null);
    }

    /// <summary>
    /// True when the principal is what <see cref="Normalise"/> lets through: a policy's second line of defence, for any
    /// scheme added later that forgets to call it.
    /// </summary>
    public static bool IsSingleTenancy(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsMerchant())
        {
            return user.Claims.Count(IsMerchantClaim) <= 1;
        }

        return user.MerchantScope() is not null && Roles.All.Count(user.IsInRole) == 1;
    }

    private static bool IsMerchantClaim(Claim claim) =>
        claim.Type is Tenancy.MerchantClaim or Tenancy.EntraExtensionMerchantClaim;

    /// <summary>The same identity with its role and merchant claims replaced by the grant's (other claims kept).</summary>
    private static ClaimsPrincipal Rebuild(ClaimsPrincipal principal, StaticWebAppsRoles.Grant grant)
    {
        var identities = principal.Identities.Select(identity =>
        {
            var kept = identity.Claims.Where(c => c.Type != identity.RoleClaimType && c.Type != Tenancy.RoleClaim && !IsMerchantClaim(c)).ToList();
            return new ClaimsIdentity(kept, identity.AuthenticationType, identity.NameClaimType, Tenancy.RoleClaim);
        }).ToList();
        var first = identities.FirstOrDefault() ?? new ClaimsIdentity();
        first.AddClaims(grant.Roles.Select(role => new Claim(Tenancy.RoleClaim, role)));
        if (grant.MerchantId is { } merchant)
        {
            first.AddClaim(new Claim(Tenancy.MerchantClaim, merchant));
        }

        return new ClaimsPrincipal(identities.Count == 0 ? [first] : identities);
    }
}
