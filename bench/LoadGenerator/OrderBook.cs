using System.Collections.Concurrent;
using System.Text.Json;

namespace Backoffice.LoadGenerator;

/// <summary>Where the people meant an order to end: terminal stage, where and why it was cancelled, its cash.</summary>
internal sealed record ExpectedOutcome(string Stage, string? CancelledIn, string? Reason, long CashCollected, long CashHandedOver);

/// <summary>One accepted order as the simulation knows it: its plan, the last view the server gave, and the intended end.</summary>
internal sealed class TrackedOrder(string merchantId, string orderId, string externalOrderId, OrderPlan plan)
{
    private JsonElement? _view;

    public string MerchantId { get; } = merchantId;

    public string OrderId { get; } = orderId;

    public string ExternalOrderId { get; } = externalOrderId;

    public OrderPlan Plan { get; } = plan;

    public JsonElement? View
    {
        get => _view;
        set
        {
            _view = value;
            SeenAt = Environment.TickCount64;
        }
    }

    public long SeenAt { get; private set; } = Environment.TickCount64;

    /// <summary>When a work-queue page last listed this order (0: never).</summary>
    public long ListedAt { get; set; }

    public ExpectedOutcome? Expected { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public string? Stage => View?.GetProperty("stage").GetString();

    /// <summary>Terminal, and no cash the plan hands over is still outstanding.</summary>
    public bool Done => View is { } v && Stage is "delivered" or "cancelled"
        && !(Stage == "delivered" && Plan.HandOverCash && v.GetProperty("cashCollected").GetInt64() > v.GetProperty("cashHandedOver").GetInt64());
}

/// <summary>Every order the storefronts got acknowledged, by merchant and order id.</summary>
internal sealed class OrderBook(int seed)
{
    private readonly ConcurrentDictionary<(string MerchantId, string OrderId), TrackedOrder> _orders = new();

    public int Count => _orders.Count;

    public IEnumerable<TrackedOrder> All => _orders.Values;

    public TrackedOrder Add(string merchantId, string orderId, string externalOrderId) =>
        _orders.GetOrAdd((merchantId, orderId), key => new TrackedOrder(key.MerchantId, key.OrderId, externalOrderId, OrderPlan.For(key.OrderId, seed)));

    public TrackedOrder? Find(string merchantId, string orderId) => _orders.GetValueOrDefault((merchantId, orderId));

    public int DoneCount => _orders.Values.Count(o => o.Done);
}
