using Backoffice.Core.Orders;
using Backoffice.Functions.Hosting;
using Backoffice.Infra.Storage;
using Backoffice.Infra.Workflow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Backoffice.Functions.Orders;

/// <summary>
/// The order's Durable orchestration: intake from Service Bus, the orchestrator (the generic loop in
/// infra/Workflow over the same decider as the local runner) and its two activities.
/// </summary>
public sealed class OrderWorkflowFunctions(OrderActivities activities, ILogger<OrderWorkflowFunctions> logger)
{
    /// <summary>
    /// Starts the order's orchestration under its deterministic instance id. A redelivered message finds the instance and
    /// stops there; checking first matters because scheduling over a completed instance would restart it.
    /// </summary>
    [Function(nameof(StartOrderWorkflow))]
    public async Task StartOrderWorkflow(
        [ServiceBusTrigger(ServiceBusNames.OrdersInbound, Connection = ServiceBusNames.Connection)] string body,
        [DurableClient] DurableTaskClient durable,
        CancellationToken ct)
    {
        var place = Json.Deserialize<PlaceOrder>(body);
        var instanceId = OrderWorkflowIds.InstanceId(place.MerchantId, place.OrderId);
        if (await durable.GetInstanceAsync(instanceId, ct) is not null)
        {
            logger.LogInformation("Order {MerchantId}/{OrderId} already has its workflow; redelivery ignored", place.MerchantId, place.OrderId);
            return;
        }

        await durable.ScheduleNewOrchestrationInstanceAsync(OrderOrchestration.Name, place, new StartOrchestrationOptions(instanceId), ct);
    }

    [Function(OrderOrchestration.Name)]
    public static Task<OrderWorkflowStatus> RunOrderWorkflow([OrchestrationTrigger] TaskOrchestrationContext context, PlaceOrder place) =>
        OrderOrchestration.RunAsync(new DurableOrderWorkflowContext(context), place, context.CreateReplaySafeLogger(OrderOrchestration.Name));

    [Function(OrderActivityNames.SaveOrder)]
    public Task SaveOrder([ActivityTrigger] OrderCommit commit, CancellationToken ct) => activities.SaveOrderAsync(commit, ct);

    [Function(OrderActivityNames.ApplyEffect)]
    public Task ApplyEffect([ActivityTrigger] OrderEffectMessage effect, CancellationToken ct) => activities.ApplyEffectAsync(effect, ct);
}
