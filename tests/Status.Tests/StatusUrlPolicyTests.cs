using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Backoffice.Core.Common;
using Backoffice.Infra.Status;
using Backoffice.Testing;
using Xunit;

namespace Backoffice.Status.Tests;

/// <summary>
/// Issue 15, item 4 (SSRF through status URLs): refused when saved (https only, no credentials, no literal non-public
/// address), and refused again when connecting, after DNS, so a name that resolves to a private address fails too.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class StatusUrlPolicyTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("https://169.254.169.254/latest/meta-data", "non-public")]
    [InlineData("https://10.1.2.3/hooks", "non-public")]
    [InlineData("https://172.16.0.1/hooks", "non-public")]
    [InlineData("https://192.168.1.10/hooks", "non-public")]
    [InlineData("https://100.64.0.1/hooks", "non-public")]
    [InlineData("https://[fd00::1]/hooks", "non-public")]
    [InlineData("https://[fe80::1]/hooks", "non-public")]
    [InlineData("https://[::ffff:10.0.0.1]/hooks", "non-public")]
    [InlineData("https://0.0.0.0/hooks", "non-public")]
    [InlineData("https://127.0.0.1:10002/devstoreaccount1", "this machine")]
    [InlineData("https://localhost/hooks", "this machine")]
    [InlineData("https://[::1]/hooks", "this machine")]
    [InlineData("http://shop.example/hooks", "https")]
    [InlineData("https://user:secret@shop.example/hooks", "credentials")]
    [InlineData("ftp://shop.example/hooks", "https")]
    public void Outside_development_a_status_url_to_anything_but_a_public_https_host_is_refused_with_the_reason(string url, string reason)
    {
        var problem = StatusUrlPolicy.Problem(url, allowLoopback: false);

        Assert.NotNull(problem);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://shop.example/hooks/status", false)]
    [InlineData("https://93.184.216.34/hooks", false)]
    [InlineData("https://[2a00:1450:4001:80b::200e]/hooks", false)]
    [InlineData("http://127.0.0.1:5000/hooks", true)]
    [InlineData("https://localhost/hooks", true)]
    public void Public_https_urls_are_accepted_and_loopback_only_where_allowed(string url, bool allowLoopback)
    {
        Assert.Null(StatusUrlPolicy.Problem(url, allowLoopback));
    }

    [Fact]
    public async Task Saving_a_merchant_with_a_metadata_service_url_answers_422_with_the_reason_and_stores_nothing()
    {
        using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync("shop-one");
        var supervisor = host.As(Roles.Supervisor);

        foreach (var url in new[] { "https://169.254.169.254/latest/meta-data", "http://shop.example/hooks", "https://user:pw@shop.example/hooks" })
        {
            var response = await supervisor.PutAsJsonAsync("/api/merchants/shop-one", new { statusUrl = url });

            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("statusUrl", out _));
        }

        var stored = await BackofficeHost.JsonAsync(await supervisor.GetAsync("/api/merchants/shop-one"));
        Assert.True(!stored.TryGetProperty("statusUrl", out var kept) || kept.ValueKind == JsonValueKind.Null, stored.ToString());
    }

    [Fact]
    public async Task A_host_name_that_resolves_to_this_machine_is_refused_when_connecting_and_dead_lettered_without_naming_the_address()
    {
        await using var receiver = await StatusReceiver.StartAsync();
        var name = Dns.GetHostName();
        Assert.True((await Dns.GetHostAddressesAsync(name)).Any(IPAddress.IsLoopback), $"This test needs the machine name {name} to resolve to loopback (/etc/hosts).");
        await using var world = await StatusWorld.CreateAsync(azurite, new() { ["StatusDelivery:AllowLoopback"] = "false", ["StatusDelivery:AllowPlainHttp"] = "true" });
        await world.AddMerchantAsync($"http://{name}:{receiver.BaseAddress.Port}/hooks/status");

        var result = await world.Delivery.HandleAsync(StatusWorld.Message(), 1, CancellationToken.None);

        Assert.Equal(StatusDeliveryResult.DeadLettered, result);
        Assert.Empty(receiver.Received);
        var reason = Assert.Single((await world.DeadLetters.PageAsync(null, 50, null)).Items).Reason;
        Assert.Contains("no public address", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", reason, StringComparison.Ordinal);
        Assert.DoesNotContain(receiver.BaseAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_status_http_client_itself_refuses_a_name_that_resolves_to_loopback_outside_development()
    {
        await using var receiver = await StatusReceiver.StartAsync();
        await using var world = await StatusWorld.CreateAsync(azurite, new() { ["StatusDelivery:AllowLoopback"] = "false" });
        var client = world.HttpClients.CreateClient(StatusDelivery.HttpClientName);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync($"http://localhost:{receiver.BaseAddress.Port}/hooks/status", new StringContent("{}")));

        Assert.IsType<StatusTargetRefusedException>(error.InnerException);
        Assert.Empty(receiver.Received);
    }

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("2001:4860:4860::8888", true)]
    [InlineData("169.254.169.254", false)]
    [InlineData("127.0.0.53", false)]
    [InlineData("::ffff:192.168.0.1", false)]
    [InlineData("64:ff9b::a00:1", false)]
    [InlineData("ff02::1", false)]
    [InlineData("198.18.0.1", false)]
    public void Only_globally_routable_addresses_count_as_public(string address, bool expected)
    {
        Assert.Equal(expected, StatusUrlPolicy.IsPublic(IPAddress.Parse(address)));
    }
}
