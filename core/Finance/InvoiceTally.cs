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

/// <summary>
/// One order on an invoice with its fee and the part of it its settlement statement keeps (<see cref="Netted"/>): the
/// fee the order's cash ledger entry nets, computed from the tariff frozen on that entry, exactly as the statement
/// line deducts it. So whatever the invoice's own tariff copy says, a fee is counted once: kept by the settlement or
/// due on the invoice.
/// </summary>
public sealed record InvoiceLine(DeliveredOrder Order, FeeBreakdown Fee, long Netted)
{
    public bool NettedInSettlement => Netted != 0;

    public long Due => checked(Fee.Total - Netted);
}

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

    /// <summary>
    /// Bills <paramref name="order"/> at the tariff frozen on its delivery; <paramref name="nettedInSettlement"/> is the fee
    /// its settlement nets (<see cref="LedgerEntry.NettedFee"/> of its cash collection; 0 for prepaid orders).
    /// </summary>
    public InvoiceLine Add(DeliveredOrder order, long nettedInSettlement)
    {
        var fee = Fees.For(order.Tariff, order.DeliveredValue, order.CashCollected);
        Totals = Totals with
        {
            Orders = Totals.Orders + 1,
            DeliveredValue = checked(Totals.DeliveredValue + order.DeliveredValue),
            CashHandled = checked(Totals.CashHandled + order.CashCollected),
            FixedFees = checked(Totals.FixedFees + fee.Fixed),
            ValueFees = checked(Totals.ValueFees + fee.OnDeliveredValue),
            CashFees = checked(Totals.CashFees + fee.OnCashHandled),
            NettedInSettlements = checked(Totals.NettedInSettlements + nettedInSettlement),
        };
        return new InvoiceLine(order, fee, nettedInSettlement);
    }
}
