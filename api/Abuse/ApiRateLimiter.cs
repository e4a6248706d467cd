using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Backoffice.Api.Abuse;

/// <summary>
/// The limits of <see cref="RateLimitOptions"/> as one chained <see cref="PartitionedRateLimiter{TResource}"/> (the
/// System.Threading.RateLimiting limiters ASP.NET Core's rate-limiting middleware is built on): per client IP on every
/// request, and per merchant on webhooks. It runs as an endpoint filter on the /api group (<see cref="RateLimitFilter"/>)
/// rather than as middleware, because both hosts share the endpoints but not the middleware pipeline (the Functions host
/// runs each endpoint through its own), and because the merchant comes from the matched route.
/// </summary>
public sealed class ApiRateLimiter : IDisposable
{
    private const string WebhookPrefix = "/api/webhooks";
    private readonly PartitionedRateLimiter<HttpContext>? _limiter;

    public ApiRateLimiter(IOptions<RateLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.Value;
        if (!limits.Enabled)
        {
            return;
        }

        var perClient = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            RateLimitPartition.GetTokenBucketLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => Bucket(limits.PerClient)));
        var perMerchant = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            http.Request.Path.StartsWithSegments(WebhookPrefix, StringComparison.OrdinalIgnoreCase)
                && http.Request.RouteValues.TryGetValue("merchantId", out var value) && value is string merchantId
                ? RateLimitPartition.GetTokenBucketLimiter(merchantId, _ => Bucket(limits.PerMerchantWebhooks))
                : RateLimitPartition.GetNoLimiter(string.Empty));
        _limiter = PartitionedRateLimiter.CreateChained(perClient, perMerchant);
    }

    /// <summary>Null when the request may go on; otherwise how long the caller should wait.</summary>
    public TimeSpan? Refusal(HttpContext http)
    {
        if (_limiter is null)
        {
            return null;
        }

        using var lease = _limiter.AttemptAcquire(http);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero ? retryAfter : TimeSpan.FromSeconds(1);
    }

    public void Dispose() => _limiter?.Dispose();

    private static TokenBucketRateLimiterOptions Bucket(RateLimitOptions.BucketOptions bucket) => new()
    {
        TokenLimit = Math.Max(1, bucket.Burst),
        TokensPerPeriod = Math.Max(1, bucket.PermitsPerSecond),
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
