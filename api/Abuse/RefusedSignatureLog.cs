using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Backoffice.Api.Abuse;

/// <summary>
/// Warning lines for refused webhook signatures, at most one per merchant per <see cref="Interval"/>: 2,000 bad
/// signatures once wrote 2,000 lines. The first refusal in an interval is logged at once; the ones after it are counted,
/// and the count rides on the next line (the first refusal of a later interval). Only merchants that exist get here (an
/// unknown id is a 404 before any signature is checked), so the state is bounded by the number of merchants.
/// </summary>
public sealed partial class RefusedSignatureLog(ILogger<RefusedSignatureLog> logger, TimeProvider clock)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    public void Refused(string merchantId, string channel, string reason)
    {
        var now = clock.GetUtcNow();
        var window = _windows.GetOrAdd(merchantId, _ => new Window());
        int suppressed;
        lock (window)
        {
            if (window.Start is { } start && now - start < Interval)
            {
                window.Suppressed++;
                return;
            }

            suppressed = window.Suppressed;
            window.Start = now;
            window.Suppressed = 0;
        }

        if (suppressed == 0)
        {
            LogRefused(merchantId, channel, reason);
        }
        else
        {
            LogRefusedAgain(merchantId, channel, reason, suppressed, Interval.TotalSeconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook signature refused for {MerchantId} ({Channel}): {Reason}")]
    private partial void LogRefused(string merchantId, string channel, string reason);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Webhook signature refused for {MerchantId} ({Channel}): {Reason}; {Suppressed} more were refused without a line of their own (at most one line per merchant every {IntervalSeconds} s)")]
    private partial void LogRefusedAgain(string merchantId, string channel, string reason, int suppressed, double intervalSeconds);

    private sealed class Window
    {
        public DateTimeOffset? Start { get; set; }

        public int Suppressed { get; set; }
    }
}
