namespace Backoffice.Infra.Status;

/// <summary>How status changes are delivered to merchants' status URLs (configuration section <c>StatusDelivery</c>).</summary>
public sealed class StatusDeliveryOptions
{
    public const string Section = "StatusDelivery";

    /// <summary>Attempts before a message is dead-lettered for supervisors (the first delivery counts as one).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failure; each further failure doubles it up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long one POST may take before it counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Deliveries the local status pump runs at once, across all merchants.</summary>
    public int MaxConcurrentDeliveries { get; set; } = 32;

    /// <summary>Deliveries to one merchant at once: a slow or hanging endpoint occupies at most these slots.</summary>
    public int MaxConcurrentPerMerchant { get; set; } = 4;

    /// <summary>How long a message of a merchant whose slots are all busy waits before it is tried again.</summary>
    public TimeSpan BusyMerchantDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long the pump waits when the queue is empty.</summary>
    public TimeSpan IdlePoll { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Receives of one message (storage failures, crashes) before it is parked in the poison queue.</summary>
    public int MaxDequeues { get; set; } = 10;

    /// <summary>Plain http to hosts other than loopback; off, so signed payloads never travel in clear text by accident.</summary>
    public bool AllowPlainHttp { get; set; }

    /// <summary>
    /// Status URLs on this machine (loopback): for Development, where tests and demos receive status webhooks locally.
    /// Unset, it follows the environment: on in Development only (<see cref="StatusDeliveryRegistration"/>).
    /// </summary>
    public bool? AllowLoopback { get; set; }

    /// <summary><see cref="AllowLoopback"/> as decided.</summary>
    public bool LoopbackAllowed => AllowLoopback ?? false;

    /// <summary>Exponential back-off: the wait after failed attempt number <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan RetryDelay(int attempt)
    {
        if (attempt < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(attempt), attempt, "Attempts count from 1.");
        }

        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(FirstRetryDelay.Ticks * factor, MaxRetryDelay.Ticks));
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }
}
