namespace Backoffice.Api.Abuse;

/// <summary>
/// Request limits (configuration section <c>RateLimits</c>), as token buckets: a steady rate per second and a burst. The
/// defaults sit far above what a storefront or the load benchmark sends (about 2 orders/s per merchant, 21 orders/s in
/// all at the benchmark's maximum) and far below what one abuser could send (400 orders in 5 s were once accepted).
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public bool Enabled { get; set; } = true;

    /// <summary>Per merchant id in the route of a webhook (order and traffic webhooks): whoever sends them.</summary>
    public BucketOptions PerMerchantWebhooks { get; set; } = new() { PermitsPerSecond = 20, Burst = 200 };

    /// <summary>Per client IP address, on every /api request (people, storefronts, webhooks alike).</summary>
    public BucketOptions PerClient { get; set; } = new() { PermitsPerSecond = 200, Burst = 2_000 };

    public sealed class BucketOptions
    {
        public int PermitsPerSecond { get; set; }

        public int Burst { get; set; }
    }
}
