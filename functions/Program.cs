using Azure.Core;
using Azure.Core.Serialization;
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Backoffice.Api;
using Backoffice.Functions.Finance;
using Backoffice.Functions.Hosting;
using Backoffice.Functions.Status;
using Backoffice.Functions.Stock;
using Backoffice.Infra.Finance;
using Backoffice.Infra.Status;
using Backoffice.Infra.Stock;
using Backoffice.Infra.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

var services = builder.Services;
var configuration = builder.Configuration;

// Activity and orchestration inputs, outputs and custom status use the JSON settings of everything we store.
services.Configure<WorkerOptions>(options => options.Serializer = new JsonObjectSerializer(Json.Options));

// What is always so here, whatever the app settings say: no background runner (so no KPI roll-up on every cold start).
configuration.AddFunctionsHostSettings();

// The one composition both hosts call: storage, the decider's collaborators, authentication, every API module.
services.AddBackofficeApi(configuration, builder.Environment);
services.AddFunctionsHost();

// Service Bus through the app's managed identity, for the outbound topics only (nothing here triggers on Service Bus).
services.AddSingleton(_ => new ServiceBusClient(
    configuration[$"{ServiceBusNames.Connection}:fullyQualifiedNamespace"]
        ?? throw new InvalidOperationException($"Set {ServiceBusNames.Connection}__fullyQualifiedNamespace."),
    ServiceBusCredential(configuration)));
// The shared composition registers the local (storage queue) channels; in Azure they are Service Bus topics. Status
// changes also keep the queue: the merchant's webhook is delivered from it (StatusDeliveryFunctions).
services.AddSingleton<QueueStatusChannel>();
services.AddSingleton<ServiceBusStatusChannel>();
services.Replace(ServiceDescriptor.Singleton<IStatusChannel, OutboundStatusChannel>());
services.Replace(ServiceDescriptor.Singleton<IFinanceReportChannel, ServiceBusFinanceReportChannel>());
services.Replace(ServiceDescriptor.Singleton<IStockChangeSink, ServiceBusStockChangeSink>());

await builder.Build().RunAsync();

static TokenCredential ServiceBusCredential(IConfiguration configuration) =>
    configuration[$"{ServiceBusNames.Connection}:clientId"] is { Length: > 0 } clientId
        ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
        : new DefaultAzureCredential();
