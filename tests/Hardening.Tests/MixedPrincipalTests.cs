using System.Security.Claims;
using System.Text;
using Backoffice.Api.Auth;
using Backoffice.Core.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace Backoffice.Hardening.Tests;

/// <summary>
/// The isolation matrix for credentials that bend the tenancy rules (issue 15, item 2): a token holding the merchant role
/// next to staff roles, a merchant id given as an array, and routes that name a merchant without running the scope
/// check. A token like that once read another merchant's work queue, ran settlement runs and rebuilt another merchant's
/// KPIs.
/// </summary>
[Collection(HardeningWorld.Collection)]
public sealed class MixedPrincipalTests(HardeningWorld world)
{
    private static readonly string[] StaffRoles = Roles.All.Where(r => r != Roles.Merchant).ToArray();

    private IReadOnlyList<ApiEndpoint> Protected =>
        EndpointCatalog.Read(world.Host.Service<EndpointDataSource>(), world.Host.Service<IAuthorizationPolicyProvider>()).Where(e => !e.Anonymous).ToArray();

    public static TheoryData<string> StaffRoleSets => new() { Roles.Supervisor, Roles.Finance, Roles.Operator, string.Join(",", Roles.All.Where(r => r != Roles.Merchant)) };

    [Theory]
    [MemberData(nameof(StaffRoleSets))]
    public async Task A_token_holding_the_merchant_role_and_staff_roles_is_a_merchant_only_everywhere(string staffRoles)
    {
        var token = Token([Roles.Merchant, .. staffRoles.Split(',')], HardeningWorld.Own);
        var client = world.ClientWithToken(token);
        var before = await StorageSnapshot.TakeAsync(world.Host.Storage);
        var failures = new List<string>();
        foreach (var endpoint in Protected)
        {
            var admitsMerchant = endpoint.AllowedRoles?.Contains(Roles.Merchant, StringComparer.Ordinal) == true;
            if (!admitsMerchant)
            {
                // Work queues, settlement runs, the KPI rebuild...: staff-only, so a merchant is refused whatever else it holds.
                var result = await Probe.SendAsync(client, endpoint, HardeningWorld.Other, world.OtherOrderId);
                if (result.Code != 403 || result.LeakedMarkers.Count > 0)
                {
                    failures.Add($"{endpoint} (staff-only): expected 403, got {result}");
                }
            }
            else if (endpoint.HasMerchantInRoute)
            {
                var result = await Probe.SendAsync(client, endpoint, HardeningWorld.Other, world.OtherOrderId);
                if (result.Code is not (401 or 403 or 404) || result.LeakedMarkers.Count > 0)
                {
                    failures.Add($"{endpoint} (victim merchant): expected 401/403/404, got {result}");
                }
            }
            else
            {
                var result = await Probe.SendAsync(client, endpoint, HardeningWorld.Own, world.OtherOrderId, $"merchantId={HardeningWorld.Other}");
                if (result.Code >= 500 || result.LeakedMarkers.Count > 0)
                {
                    failures.Add($"{endpoint} (merchantId=victim in the query): {result}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        var victim = (await StorageSnapshot.TakeAsync(world.Host.Storage)).ChangesSince(before)
            .Where(c => c.Contains(HardeningWorld.Other, StringComparison.Ordinal) || world.OtherOrderIds.Any(o => c.Contains(o, StringComparison.Ordinal)));
        Assert.Empty(victim);
    }

    [Fact]
    public async Task A_merchant_token_still_reads_its_own_merchant()
    {
        // The positive control for the normalisation: a plain merchant token (and a mixed one, reduced to merchant) keeps working.
        foreach (var token in new[] { Token([Roles.Merchant], HardeningWorld.Own), Token([Roles.Merchant, Roles.Supervisor], HardeningWorld.Own) })
        {
            using var response = await world.ClientWithToken(token).GetAsync($"/api/merchants/{HardeningWorld.Own}/orders");
            Assert.Equal(200, (int)response.StatusCode);
        }
    }

    [Theory]
    [InlineData(Roles.Merchant)]
    [InlineData(Roles.Supervisor)]
    public async Task A_token_naming_its_merchant_as_an_array_is_refused_with_401_everywhere(string role)
    {
        var client = world.ClientWithToken(Token([role], new[] { HardeningWorld.Own, HardeningWorld.Other }));
        var failures = new List<string>();
        foreach (var endpoint in Protected)
        {
            foreach (var target in new[] { HardeningWorld.Own, HardeningWorld.Other })
            {
                var result = await Probe.SendAsync(client, endpoint, target, target == HardeningWorld.Own ? world.OwnOrderId : world.OtherOrderId);
                if (result.Code != 401 || result.LeakedMarkers.Count > 0)
                {
                    failures.Add($"{endpoint} ({target}): {result}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task A_token_naming_the_same_merchant_twice_is_refused()
    {
        var client = world.ClientWithToken(Token([Roles.Merchant], new[] { HardeningWorld.Own, HardeningWorld.Own }));
        using var response = await client.GetAsync($"/api/merchants/{HardeningWorld.Own}/orders");
        Assert.Equal(401, (int)response.StatusCode);
    }

    [Fact]
    public async Task Every_route_naming_a_merchant_runs_the_scope_check_before_its_handler()
    {
        // Authorization is bypassed on purpose: this asks whether the endpoint itself refuses another merchant's
        // principal, whatever policy sits in front of it (the KPI rebuild once relied on its policy alone).
        var merchant = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(Tenancy.RoleClaim, Roles.Merchant), new Claim(Tenancy.MerchantClaim, HardeningWorld.Own), new Claim("sub", "probe")], "probe", "sub", Tenancy.RoleClaim));
        var endpoints = world.Host.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true
                && e.RoutePattern.Parameters.Any(p => p.Name == RouteValues.MerchantId)
                && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .ToArray();
        var before = await StorageSnapshot.TakeAsync(world.Host.Storage);
        var failures = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var method = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.FirstOrDefault() ?? "GET";
            await using var scope = world.Host.Services.CreateAsyncScope();
            var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider, User = merchant };
            context.Request.Method = method;
            context.Request.Path = RouteValues.Path(endpoint.RoutePattern, HardeningWorld.Other, world.OtherOrderId);
            foreach (var parameter in endpoint.RoutePattern.Parameters)
            {
                context.Request.RouteValues[parameter.Name] = RouteValues.Value(parameter.Name, HardeningWorld.Other, world.OtherOrderId);
            }

            var body = Encoding.UTF8.GetBytes("{}");
            context.Request.Body = new MemoryStream(body);
            context.Request.ContentType = "application/json";
            context.Request.ContentLength = body.Length;
            context.Response.Body = new MemoryStream();
            context.SetEndpoint(endpoint);
            await endpoint.RequestDelegate!(context);
            context.Response.Body.Position = 0;
            var answer = await new StreamReader(context.Response.Body).ReadToEndAsync();
            if (context.Response.StatusCode != 403 || !answer.Contains("other-merchant", StringComparison.Ordinal))
            {
                failures.Add($"{method} {endpoint.RoutePattern.RawText}: {context.Response.StatusCode} {answer}");
            }
        }

        Assert.True(endpoints.Length >= 15, $"Only {endpoints.Length} routes name a merchant.");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.DoesNotContain((await StorageSnapshot.TakeAsync(world.Host.Storage)).ChangesSince(before), c => c.Contains(HardeningWorld.Other, StringComparison.Ordinal));
    }

    /// <summary>A development token with whatever claims the attacker chose, signed with the host's real key.</summary>
    private string Token(IReadOnlyList<string> roles, object merchantId)
    {
        var issuer = world.Host.Service<DevTokenIssuer>();
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = DevTokenIssuer.Issuer,
            Audience = DevTokenIssuer.Audience,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = "mixed-" + string.Join("-", roles),
                [Tenancy.RoleClaim] = roles.ToArray(),
                [Tenancy.MerchantClaim] = merchantId,
            },
            IssuedAt = DateTime.UtcNow,
            NotBefore = DateTime.UtcNow.AddMinutes(-1),
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(issuer.SigningKey, SecurityAlgorithms.HmacSha256),
        });
    }
}
