using System.Net;
using System.Text;
using Backoffice.Api.Abuse;
using Backoffice.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Backoffice.EndToEnd.Tests;

/// <summary>Limits on abuse (issue 15, item 7): per merchant on webhooks, per client address everywhere, and sampled logs.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RateLimitTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_merchant_sending_webhooks_past_its_limit_gets_429_with_Retry_After_and_a_problem_while_others_go_on()
    {
        await using var host = new BackofficeHost(azurite, settings: new Dictionary<string, string>
        {
            ["RateLimits:PerMerchantWebhooks:Burst"] = "3",
            ["RateLimits:PerMerchantWebhooks:PermitsPerSecond"] = "1",
        });
        await host.AddMerchantAsync("shop-one");
        await host.AddMerchantAsync("shop-two");

        var codes = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 6; i++)
        {
            var response = await host.PostOrderAsync("shop-one", BackofficeHost.OrderJson($"FLOOD-{i}"));
            codes.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused ??= response;
            }
        }

        Assert.True(codes.Take(3).All(c => c is HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.Accepted), string.Join(", ", codes));
        Assert.Contains(HttpStatusCode.TooManyRequests, codes);
        Assert.NotNull(refused);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("rate-limited", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var other = await host.PostOrderAsync("shop-two", BackofficeHost.OrderJson("CALM-1"));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, other.StatusCode);
    }

    [Fact]
    public async Task One_client_address_past_its_limit_gets_429_on_any_endpoint()
    {
        await using var host = new BackofficeHost(azurite, settings: new Dictionary<string, string>
        {
            ["RateLimits:PerClient:Burst"] = "5",
            ["RateLimits:PerClient:PermitsPerSecond"] = "1",
        });
        var client = host.CreateClient();

        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            codes.Add((await client.GetAsync("/api/health")).StatusCode);
        }

        Assert.All(codes.Take(5), c => Assert.Equal(HttpStatusCode.OK, c));
        Assert.Contains(HttpStatusCode.TooManyRequests, codes);
    }

    [Fact]
    public async Task The_default_limits_do_not_throttle_a_normal_burst()
    {
        await using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync("shop-one");

        for (var i = 0; i < 30; i++)
        {
            using var response = await host.PostOrderAsync("shop-one", BackofficeHost.OrderJson($"NORMAL-{i}"));
            Assert.NotEqual(HttpStatusCode.TooManyRequests, response.StatusCode);
        }
    }

    [Fact]
    public void Two_thousand_refused_signatures_write_one_line_per_merchant_per_minute_with_a_count()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 16, 9, 0, 0, TimeSpan.Zero));
        var logger = new ListLogger<RefusedSignatureLog>();
        var log = new RefusedSignatureLog(logger, clock);

        for (var i = 0; i < 2_000; i++)
        {
            log.Refused("shop-one", "own order webhook", "The signature does not match.");
            clock.Advance(TimeSpan.FromMilliseconds(10)); // 20 s in all
        }

        log.Refused("shop-two", "traffic webhook", "The signature does not match.");
        Assert.Equal(2, logger.Lines.Count);

        clock.Advance(RefusedSignatureLog.Interval);
        log.Refused("shop-one", "own order webhook", "The signature does not match.");

        Assert.Equal(3, logger.Lines.Count);
        Assert.Contains("1999 more", logger.Lines[^1], StringComparison.Ordinal);
        Assert.Contains("shop-one", logger.Lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_signatures_over_HTTP_are_logged_once_not_per_request()
    {
        var logger = new ListLogger<RefusedSignatureLog>();
        await using var host = new BackofficeHost(azurite, services: s => s.AddSingleton<ILogger<RefusedSignatureLog>>(logger));
        await host.AddMerchantAsync("shop-one");
        var client = host.CreateClient();

        for (var i = 0; i < 25; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/shop-one/shopify")
            {
                Content = new StringContent("{}", Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("X-Shopify-Hmac-Sha256", "bm90LXRoZS1zaWduYXR1cmU=");
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        Assert.Single(logger.Lines);
    }

    private sealed class ListLogger<T> : ILogger<T>
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lines)
            {
                _lines.Add(formatter(state, exception));
            }
        }
    }
}
