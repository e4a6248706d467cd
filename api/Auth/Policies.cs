using System.Security.Claims;
using Backoffice.Core.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Backoffice.Api.Auth;

/// <summary>One policy per capability; each names the roles that hold it. Merchant scope is checked per resource.</summary>
public static class Policies
{
    public const string ReadOrders = "orders:read";
    public const string Confirm = "orders:confirm";
    public const string Cancel = "orders:cancel";
    public const string Pickup = "orders:pickup";
    public const string Pack = "orders:pack";
    public const string Deliver = "orders:deliver";
    public const string HandOverCash = "orders:cash";
    public const string WorkQueues = "work:read";
    public const string ReadMerchants = "merchants:read";
    public const string ManageMerchants = "merchants:manage";
    public const string Finance = "finance";
    public const string ReadFinance = "finance:read";
    public const string ReadKpi = "kpi:read";
    public const string ReadCustomers = "customers:read";
    public const string ManageStock = "stock:manage";
    public const string ReadStock = "stock:read";

    public static readonly IReadOnlyDictionary<string, string[]> RolesByPolicy = new Dictionary<string, string[]>
    {
        [ReadOrders] = [.. Roles.All],
        [Confirm] = [Roles.Operator, Roles.Supervisor],
        [Cancel] = [Roles.Operator, Roles.Supervisor],
        [Pickup] = [Roles.Warehouse, Roles.Supervisor],
        [Pack] = [Roles.Warehouse, Roles.Supervisor],
        [Deliver] = [Roles.Courier, Roles.Supervisor],
        [HandOverCash] = [Roles.Courier, Roles.Finance, Roles.Supervisor],
        [WorkQueues] = [Roles.Operator, Roles.Warehouse, Roles.Courier, Roles.Supervisor],
        [ReadMerchants] = [Roles.Operator, Roles.Supervisor, Roles.Finance, Roles.Merchant],
        [ManageMerchants] = [Roles.Supervisor],
        [Finance] = [Roles.Finance, Roles.Supervisor],
        [ReadFinance] = [Roles.Finance, Roles.Supervisor, Roles.Merchant],
        [ReadKpi] = [Roles.Operator, Roles.Supervisor, Roles.Finance, Roles.Merchant],
        [ReadCustomers] = [Roles.Operator, Roles.Supervisor, Roles.Merchant],
        [ManageStock] = [Roles.Warehouse, Roles.Supervisor],
        [ReadStock] = [Roles.Warehouse, Roles.Supervisor, Roles.Operator, Roles.Merchant],
    };

    public static void Register(AuthorizationOptions options)
    {
        foreach (var (policy, roles) in RolesByPolicy)
        {
            options.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles).AddRequirements(SingleTenancy.Requirement));
        }

        // Anything without an explicit policy is refused rather than left open.
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(SingleTenancy.Requirement).Build();
    }
}

/// <summary>
/// Every policy also demands that a merchant principal is a merchant only, of one merchant (<see cref="PrincipalRules"/>).
/// Each scheme already normalises its principal; this refuses one that did not, instead of letting a staff role through.
/// </summary>
internal static class SingleTenancy
{
    public static AssertionRequirement Requirement { get; } = new(context => PrincipalRules.IsSingleTenancy(context.User));
}

/// <summary>Claims we read, and the merchant scope of a principal.</summary>
public static class Tenancy
{
    public const string RoleClaim = "roles";
    public const string MerchantClaim = "merchant_id";

    /// <summary>Entra ID emits a directory-extension claim when merchant_id is not mapped by a claims policy.</summary>
    public const string EntraExtensionMerchantClaim = "extn.merchantId";

    public static bool IsMerchant(this ClaimsPrincipal user) => user.IsInRole(Roles.Merchant);

    /// <summary>The one merchant a principal is scoped to; none when it names none or more than one (never the first of many).</summary>
    public static string? MerchantScope(this ClaimsPrincipal user) =>
        user.Claims.Where(c => c.Type is MerchantClaim or EntraExtensionMerchantClaim).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToArray() is [var only]
            ? only
            : null;

    /// <summary>Staff see every merchant; a merchant principal sees only its own.</summary>
    public static bool CanAccessMerchant(this ClaimsPrincipal user, string merchantId) =>
        !user.IsMerchant() || (user.MerchantScope() is { } scope && string.Equals(scope, merchantId, StringComparison.Ordinal));

    public static Actor ToActor(this ClaimsPrincipal user, string channel = "api")
    {
        var id = user.FindFirst("oid")?.Value ?? user.FindFirst("sub")?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? "unknown";
        var role = user.IsMerchant() ? Roles.Merchant : Roles.All.FirstOrDefault(user.IsInRole) ?? "unknown";
        return new Actor(id, role, channel);
    }
}
