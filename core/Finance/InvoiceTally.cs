using Backoffice.Core.Merchants;

namespace Backoffice.Core.Finance;

/// <summary>
/// A delivered order as finance bills it: the values at delivery and the tariff in force then (frozen, so a later
/// tariff change does not rewrite a month already worked).
/// </summary>
public sealed record DeliveredOrder(
    string MerchantId,
    string OrderId,
    string ExternalOrderId,
    DateTimeOffset DeliveredAt,
    bool CashOnDelivery,
    long DeliveredValue,
    long CashCollected,
    string Currency,
    Tariff Tariff);

/// <summary>One order on an invoice with its fee; <see cref="NettedInSettlement"/> when its settlement already kept the fee.</summary>
public sealed record InvoiceLine(DeliveredOrder Order, FeeBreakdown Fee, bool NettedInSettlement);

public sealed record InvoiceTotals(
    int Orders, long DeliveredValue, long CashHandled, long FixedFees, long ValueFees, long CashFees, long NettedInSettlements)
{
    public static InvoiceTotals Empty { get; } = new(0, 0, 0, 0, 0, 0, 0);

    public long Total => checked(FixedFees + ValueFees + CashFees);

    /// <summary>What the merchant still has to pay: the fees not already netted from a settlement.</summary>
    public long Due => checked(Total - NettedInSettlements);
}

/// <summary>Bills delivered orders one by one (constant memory), summing rounded lines.</summary>
public sealed class InvoiceTally
{
    public InvoiceTotals Totals { get; private set; } = InvoiceTotals.Empty;

    public InvoiceLine Add(DeliveredOrder order)
    {
        var fee = Fees.For(order.Tariff, order.DeliveredValue, order.CashCollected);
        var netted = order.Tariff.NetFeesFromSettlement && order.CashCollected > 0;
        Totals = Totals with
        {
            Orders = Totals.Orders + 1,
            DeliveredValue = checked(Totals.DeliveredValue + order.DeliveredValue),
            CashHandled = checked(Totals.CashHandled + order.CashCollected),
            FixedFees = checked(Totals.FixedFees + fee.Fixed),
            ValueFees = checked(Totals.ValueFees + fee.OnDeliveredValue),
            CashFees = checked(Totals.CashFees + fee.OnCashHandled),
            NettedInSettlements = checked(Totals.NettedInSettlements + (netted ? fee.Total : 0)),
        };
        return new InvoiceLine(order, fee, netted);
    }
}
