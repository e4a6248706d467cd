using System.Text.Json;
using Backoffice.Api.Orders;
using Backoffice.Core.Common;
using Xunit;
using Xunit.Abstractions;
using static Backoffice.Hardening.Tests.HostileRequests;

namespace Backoffice.Hardening.Tests;

/// <summary>
/// The hostile-input catalogue (<see cref="HostileCatalogue"/>): each request is refused with a 4xx ProblemDetails and
/// leaves every table, queue and container of the host's namespace exactly as it was.
/// </summary>
[Collection(HardeningWorld.Collection)]
public sealed class HostileInputTests(HardeningWorld world, ITestOutputHelper output)
{
    public static TheoryData<string> Cases() => [.. HostileCatalogue.All.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_request_is_refused_with_a_problem_and_stores_nothing(string name)
    {
        var hostile = HostileCatalogue.ByName[name];
        var before = await StorageSnapshot.TakeAsync(world.Host.Storage);

        var result = hostile.Raw is { } raw
            ? await RawHttp.SendAsync(world.BaseAddress, raw(world))
            : await Probe.SendAsync(world.Client(role: null), hostile.Request!(world));

        output.WriteLine($"{hostile.Area} / {name}: {result}");
        Assert.True(hostile.Expected.Contains(result.Code), $"Expected {string.Join(" or ", hostile.Expected)}, got {result}");
        var refusedByServer = hostile.ServerMayRefuse && result.Code == 400 && result.MediaType is null && result.Body.Length == 0;
        if (!refusedByServer)
        {
            Assert.Equal("application/problem+json", result.MediaType);
            Assert.Equal(result.Code, JsonDocument.Parse(result.Body).RootElement.GetProperty("status").GetInt32());
        }

        Assert.Empty((await StorageSnapshot.TakeAsync(world.Host.Storage)).ChangesSince(before));
    }

    [Fact]
    public void The_catalogue_has_at_least_40_cases_and_covers_every_area()
    {
        Assert.True(HostileCatalogue.All.Count >= 40, $"{HostileCatalogue.All.Count} cases");
        Assert.Equal(HostileCatalogue.All.Count, HostileCatalogue.ByName.Count);
        Assert.Superset(
            new HashSet<string> { "own-format webhook", "Shopify webhook", "WooCommerce webhook", "traffic webhook", "operator command", "merchant PUT", "query parameters", "raw socket" },
            HostileCatalogue.All.Select(c => c.Area).ToHashSet());
        Assert.All(HostileCatalogue.All, c => Assert.All(c.Expected, s => Assert.InRange(s, 400, 499)));
    }

    [Fact]
    public async Task The_unspoilt_templates_are_accepted_so_each_case_fails_for_its_own_defect()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var shopifyId = Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var wooId = Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var own = await Probe.SendAsync(world.Client(role: null), Own(world, Edit(OwnTemplate, "H-1", "CONTROL-" + suffix)));
        var shopify = await Probe.SendAsync(world.Client(role: null), Shopify(Edit(ShopifyTemplate, "\"id\":4001", "\"id\":" + shopifyId)));
        var woo = await Probe.SendAsync(world.Client(role: null), Woo(Edit(WooTemplate, "\"id\":5001", "\"id\":" + wooId)));
        var merchant = await Probe.SendAsync(world.Client(role: null), PutMerchant(world, NewMerchantTemplate, "control-" + suffix));
        var confirm = await Probe.SendAsync(world.Client(role: null), Command(world, "confirm", "{}", orderPath: $"{HardeningWorld.Own}/{Json(own).GetProperty("orderId").GetString()}"));
        var traffic = await Probe.SendAsync(world.Client(role: null), Traffic(world, TrafficTemplate));

        Assert.Equal([201, 201, 201, 201, 200], new[] { own.Code, shopify.Code, woo.Code, merchant.Code, confirm.Code });
        Assert.True(traffic.Code is 200 or 201, traffic.ToString());
    }

    [Fact]
    public async Task Crafted_continuation_tokens_never_reach_another_merchants_rows()
    {
        var before = await StorageSnapshot.TakeAsync(world.Host.Storage);
        var merchant = world.Client(Roles.Merchant, HardeningWorld.Own);
        var supervisor = world.Client(Roles.Supervisor);
        string[] crafted =
        [
            Tokens.Encode($"{HardeningWorld.Other} 0")!,
            Tokens.Encode($"{HardeningWorld.Other}' or PartitionKey ne ' 0")!,
            Tokens.Encode("Confirmation~victim-shop 0")!,
            "%%%not-a-token%%%",
            new string('A', 5000),
        ];
        var failures = new List<string>();
        foreach (var token in crafted)
        {
            foreach (var (client, path) in new[]
            {
                (merchant, $"/api/merchants/{HardeningWorld.Own}/orders"),
                (supervisor, $"/api/work/Confirmation?merchantId={HardeningWorld.Own}"),
            })
            {
                var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
                var result = await Probe.SendAsync(client, new HttpRequestMessage(HttpMethod.Get, $"{path}{separator}continuationToken={Uri.EscapeDataString(token)}"));
                if (result.Code >= 500 || result.LeakedMarkers.Count > 0 || result.Body.Contains(HardeningWorld.Other, StringComparison.Ordinal))
                {
                    failures.Add($"{path} with token {token[..Math.Min(40, token.Length)]}: {result}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Empty((await StorageSnapshot.TakeAsync(world.Host.Storage)).ChangesSince(before));
    }

    [Fact]
    public async Task A_continuation_token_the_api_did_not_give_out_is_a_400_on_every_paged_list_not_the_first_page_again()
    {
        var supervisor = world.Client(Roles.Supervisor);
        var own = HardeningWorld.Own;
        string[] lists =
        [
            $"/api/work/Confirmation?merchantId={own}",
            $"/api/merchants/{own}/orders",
            $"/api/merchants/{own}/customers",
            $"/api/merchants/{own}/availability",
            $"/api/merchants/{own}/stock/SKU-1/movements",
            "/api/status-deliveries/dead-letters",
        ];
        string[] malformed =
        [
            "%%%not-a-token%%%",
            new string('A', 5000),
            Convert.ToBase64String([0xC3, 0x28, 0xA0, 0xA1]).TrimEnd('=').Replace('+', '-').Replace('/', '_'), // not UTF-8
            Tokens.Encode("page\u0000two")!, // a control character
            Tokens.Encode("ab")! + "==", // padded: not the form this API writes
        ];
        var failures = new List<string>();
        foreach (var path in lists)
        {
            var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            var first = await Probe.SendAsync(supervisor, new HttpRequestMessage(HttpMethod.Get, path));
            if (first.Code != 200)
            {
                failures.Add($"{path} without a token: {first}");
            }

            foreach (var token in malformed)
            {
                var result = await Probe.SendAsync(supervisor, new HttpRequestMessage(HttpMethod.Get, $"{path}{separator}continuationToken={Uri.EscapeDataString(token)}"));
                if (result.Code != 400 || result.MediaType != "application/problem+json"
                    || !Json(result).GetProperty("errors").TryGetProperty(Tokens.Parameter, out _))
                {
                    failures.Add($"{path} with token {token[..Math.Min(40, token.Length)]}: {result}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void A_token_the_api_gave_out_decodes_to_what_it_encoded()
    {
        foreach (var inner in new[] { "own-shop ord~0001", "Confirmation~own-shop 2026-11-16T10:00:00Z~ord", "ü ✓ 😀" })
        {
            Assert.True(Tokens.TryDecode(Tokens.Encode(inner), out var decoded));
            Assert.Equal(inner, decoded);
        }

        Assert.True(Tokens.TryDecode(null, out var none));
        Assert.Null(none);
        Assert.False(Tokens.TryDecode("%%%", out _));
    }

    private static JsonElement Json(ProbeResult result) => JsonDocument.Parse(result.Body).RootElement;
}
