using Backoffice.Api.Auth;
using Backoffice.Core.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Backoffice.Hardening.Tests;

/// <summary>One HTTP endpoint under /api as the host maps it, with the roles its authorization admits.</summary>
internal sealed record ApiEndpoint(string Method, RoutePattern Pattern, IReadOnlyList<string>? AllowedRoles, bool Anonymous, string? PolicyProblem)
{
    public string Route => Pattern.RawText ?? string.Empty;

    public bool HasMerchantInRoute => Pattern.Parameters.Any(p => p.Name == RouteValues.MerchantId);

    public override string ToString() => $"{Method} {Route}";
}

/// <summary>
/// Reads the endpoint list from the running host (its <see cref="EndpointDataSource"/>), so every endpoint anyone adds
/// is in the matrix without editing this file. The roles an endpoint admits are the intersection over its authorize
/// data: a named policy (the role requirements of the policy the host registered, which must agree with
/// <see cref="Policies.RolesByPolicy"/> where that lists it) or an explicit role list.
/// </summary>
internal static class EndpointCatalog
{
    /// <summary>
    /// Endpoints that are open on purpose, and why. Anything else marked anonymous fails the matrix: a new open endpoint
    /// must be added here, in review, with its reason.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> KnownOpen = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["/api/webhooks/"] = "storefront webhooks: authenticated by the merchant's HMAC signature (see the webhook cases)",
        ["/api/health"] = "liveness probe: answers a constant",
        ["/api/dev/token"] = "Development-only token issuer, never mapped elsewhere",
        ["/api/docs"] = "API reference page: static, no data",
        ["/api/auth/roles"] = "Static Web Apps rolesSource: answers roles computed from the claims posted, reads and writes nothing, grants no session",
    };

    public static IReadOnlyList<ApiEndpoint> Read(EndpointDataSource source, IAuthorizationPolicyProvider policies) =>
        source.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && (raw.StartsWith("/api/", StringComparison.Ordinal) || raw == "/api"))
            .SelectMany(e => Methods(e).Select(m => Describe(e, m, policies)))
            .OrderBy(e => e.Route, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal)
            .ToArray();

    public static bool IsKnownOpen(ApiEndpoint endpoint) => KnownOpen.Keys.Any(p => endpoint.Route.StartsWith(p, StringComparison.Ordinal));

    private static IEnumerable<string> Methods(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? methods : ["GET"];

    private static ApiEndpoint Describe(RouteEndpoint endpoint, string method, IAuthorizationPolicyProvider policies)
    {
        var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
        IEnumerable<string>? allowed = null;
        var problems = new List<string>();
        foreach (var item in endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>())
        {
            IEnumerable<string>? roles = null;
            if (!string.IsNullOrEmpty(item.Policy))
            {
                roles = PolicyRoles(item.Policy, policies, problems);
            }

            if (!string.IsNullOrEmpty(item.Roles))
            {
                var listed = item.Roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                roles = roles is null ? listed : roles.Intersect(listed, StringComparer.Ordinal);
            }

            if (roles is not null)
            {
                allowed = allowed is null ? roles : allowed.Intersect(roles, StringComparer.Ordinal);
            }
        }

        if (!anonymous && allowed is null && problems.Count == 0)
        {
            problems.Add("no authorization policy names its roles (only the fallback 'any signed-in user' applies)");
        }

        return new ApiEndpoint(method, endpoint.RoutePattern, allowed?.Distinct(StringComparer.Ordinal).ToArray(), anonymous, problems.Count == 0 ? null : string.Join("; ", problems));
    }

    /// <summary>
    /// The roles a named policy admits, read from the policy the host actually registered (its role requirements).
    /// Where <see cref="Policies.RolesByPolicy"/> lists the policy too, both must agree.
    /// </summary>
    private static IEnumerable<string>? PolicyRoles(string name, IAuthorizationPolicyProvider policies, List<string> problems)
    {
        var policy = policies.GetPolicyAsync(name).GetAwaiter().GetResult();
        if (policy is null)
        {
            problems.Add($"policy '{name}' is not registered");
            return null;
        }

        var requirements = policy.Requirements.OfType<RolesAuthorizationRequirement>().ToArray();
        if (requirements.Length == 0)
        {
            problems.Add($"policy '{name}' requires no role");
            return null;
        }

        var registered = requirements.Aggregate((IEnumerable<string>)Roles.All, (all, r) => all.Intersect(r.AllowedRoles, StringComparer.Ordinal)).ToArray();
        if (Policies.RolesByPolicy.TryGetValue(name, out var declared) && !declared.Order(StringComparer.Ordinal).SequenceEqual(registered.Order(StringComparer.Ordinal)))
        {
            problems.Add($"policy '{name}' admits {string.Join(",", registered)} but Policies.RolesByPolicy says {string.Join(",", declared)}");
        }

        return registered;
    }

    public static IReadOnlyList<string> RolesOutside(ApiEndpoint endpoint) =>
        Roles.All.Where(r => endpoint.AllowedRoles?.Contains(r, StringComparer.Ordinal) != true).ToArray();
}
