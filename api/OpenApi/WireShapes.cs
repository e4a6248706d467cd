using System.Reflection;
using Backoffice.Contracts.Customers;
using Backoffice.Contracts.Finance;
using Backoffice.Contracts.Kpi;
using Backoffice.Contracts.Orders;
using Backoffice.Contracts.Stock;
using Backoffice.Core.Customers;
using Backoffice.Core.Orders;
using Backoffice.Core.Stock;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Backoffice.Api.OpenApi;

/// <summary>
/// Properties of the contracts whose C# type says less than the JSON does. The contracts keep enumerated values as
/// strings (so the console shows a value it does not know yet as text) and an order's event as raw JSON; a finance
/// document's totals have one shape per kind. Here the document learns what the API really writes there: the enum the
/// string is the camelCase name of (the schema lists its values), the event hierarchy, both totals shapes (<c>oneOf</c>).
/// A property named here that does not exist fails the document, so the table cannot drift from the contracts.
/// </summary>
internal static class WireShapes
{
    private static readonly Dictionary<Type, (string Property, Type[] Shapes)[]> ByOwner = new()
    {
        [typeof(OrderView)] = [(nameof(OrderView.Stage), [typeof(Stage)]), (nameof(OrderView.Payment), [typeof(PaymentMethod)])],
        [typeof(DeadlineView)] = [(nameof(DeadlineView.Stage), [typeof(Stage)])],
        [typeof(LineView)] = [(nameof(LineView.Status), [typeof(LineStatus)])],
        [typeof(CancellationView)] =
        [
            (nameof(CancellationView.Stage), [typeof(Stage)]), (nameof(CancellationView.Reason), [typeof(CancellationReason)]),
            (nameof(CancellationView.Department), [typeof(Department)]),
        ],
        [typeof(TimelineEntry)] = [(nameof(TimelineEntry.Details), [typeof(OrderEvent)])],
        [typeof(WorkItemView)] = [(nameof(WorkItemView.Stage), [typeof(Stage)]), (nameof(WorkItemView.Payment), [typeof(PaymentMethod)])],
        [typeof(ReasonView)] = [(nameof(ReasonView.Reason), [typeof(CancellationReason)]), (nameof(ReasonView.DefaultDepartment), [typeof(Department)])],
        [typeof(LineDropRequest)] = [(nameof(LineDropRequest.Reason), [typeof(CancellationReason)]), (nameof(LineDropRequest.Department), [typeof(Department)])],
        [typeof(CancelRequest)] = [(nameof(CancelRequest.Reason), [typeof(CancellationReason)]), (nameof(CancelRequest.Department), [typeof(Department)])],
        [typeof(DeliveryRequest)] = [(nameof(DeliveryRequest.Result), [typeof(DeliveryResult)])],
        [typeof(CustomerOrderView)] =
        [
            (nameof(CustomerOrderView.Stage), [typeof(Stage)]), (nameof(CustomerOrderView.Outcome), [typeof(OrderOutcome)]),
            (nameof(CustomerOrderView.Payment), [typeof(PaymentMethod)]),
        ],
        [typeof(CallView)] = [(nameof(CallView.Outcome), [typeof(CallOutcome)])],
        [typeof(CallRequest)] = [(nameof(CallRequest.Outcome), [typeof(CallOutcome)])],
        [typeof(ConfirmationBrief)] = [(nameof(ConfirmationBrief.Payment), [typeof(PaymentMethod)])],
        [typeof(FinanceDocumentView)] = [(nameof(FinanceDocumentView.Totals), [typeof(SettlementTotalsView), typeof(InvoiceTotalsView)])],
        [typeof(LossRow)] =
        [
            (nameof(LossRow.Stage), [typeof(Stage)]), (nameof(LossRow.Reason), [typeof(CancellationReason)]), (nameof(LossRow.Department), [typeof(Department)]),
        ],
        [typeof(DeadlineMissRow)] = [(nameof(DeadlineMissRow.Stage), [typeof(Stage)]), (nameof(DeadlineMissRow.Department), [typeof(Department)])],
        [typeof(StockMovementView)] = [(nameof(StockMovementView.Kind), [typeof(MovementKind)])],
        [typeof(ReservationView)] = [(nameof(ReservationView.State), [typeof(ReservationState)])],
    };

    public static async Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if (!ByOwner.TryGetValue(context.JsonTypeInfo.Type, out var mapped) || schema.Properties is null)
        {
            return;
        }

        foreach (var (property, shapes) in mapped)
        {
            var info = context.JsonTypeInfo.Properties.Single(p => p.AttributeProvider is MemberInfo m && m.Name == property);
            var alternatives = new List<IOpenApiSchema>();
            foreach (var shape in shapes)
            {
                // A string that may be absent is the enum or null (the enum's own schema says so for Nullable<T>).
                var type = shape.IsEnum && info.IsGetNullable ? typeof(Nullable<>).MakeGenericType(shape) : shape;
                alternatives.Add(await SchemaAsync(type, context, ct).ConfigureAwait(false));
            }

            schema.Properties[info.Name] = alternatives.Count == 1 ? alternatives[0] : new OpenApiSchema { OneOf = alternatives };
        }
    }

    /// <summary>A record's schema as a named component, so a client generator gives it its own type; an enum's inline.</summary>
    private static async Task<IOpenApiSchema> SchemaAsync(Type type, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        var schema = await context.GetOrCreateSchemaAsync(type, null, ct).ConfigureAwait(false);
        if (context.Document is not { } document || !type.IsClass || type.IsAbstract)
        {
            return schema;
        }

        document.AddComponent(type.Name, schema);
        return new OpenApiSchemaReference(type.Name, document);
    }
}
