using System.Text.Json;

namespace Backoffice.Web.Api;

/// <summary>
/// What the console works out from the contract's records. Extension members rather than members of the records: the
/// records are the API's bodies too, and a computed property on them would be written into every answer.
/// </summary>
internal static class ContractReading
{
    extension(OrderView order)
    {
        public bool Allows(string action) => order.AllowedActions.Contains(action, StringComparer.Ordinal);

        public long CashOutstanding => order.CashCollected - order.CashHandedOver;
    }

    extension(LineView line)
    {
        /// <summary>Still part of the order: neither cancelled nor rejected at the door.</summary>
        public bool IsLive => line.Status is not ("cancelled" or "rejected");
    }

    extension(FinanceDocumentView document)
    {
        /// <summary>A total by its name ("netToTransfer", "due"); 0 when this kind of document has none.</summary>
        public long Total(string name) =>
            document.Totals.ValueKind == JsonValueKind.Object && document.Totals.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;

        public bool IsDraft => string.Equals(document.State, "Draft", StringComparison.OrdinalIgnoreCase);

        public bool IsApproved => string.Equals(document.State, "Approved", StringComparison.OrdinalIgnoreCase);
    }

    extension(IndicatorRow row)
    {
        /// <summary>Percentages for charts; an undefined ratio is left out of the line rather than drawn as zero.</summary>
        public double? OperFfPercent => row.OperFf is null ? null : (double)(row.OperFf.Value * 100);

        public double? FinFfPercent => row.FinFf is null ? null : (double)(row.FinFf.Value * 100);
    }
}
