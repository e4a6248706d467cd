using Backoffice.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Backoffice.Functions.Http;

/// <summary>The /api/merchants/{merchantId}/customers endpoints, each handed to the API's own handler (generated; see docs/functions.md).</summary>
public sealed class MerchantsCustomersHttpFunctions(ApiEndpoints api)
{
    [Function("GetMerchantsMerchantIdCustomers")]
    public Task<IActionResult> GetMerchantsMerchantIdCustomers(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "merchants/{merchantId}/customers")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/merchants/{merchantId}/customers", durable);

    [Function("GetMerchantsMerchantIdCustomersByOrderOrderId")]
    public Task<IActionResult> GetMerchantsMerchantIdCustomersByOrderOrderId(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "merchants/{merchantId}/customers/by-order/{orderId}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/merchants/{merchantId}/customers/by-order/{orderId}", durable);

    [Function("GetMerchantsMerchantIdCustomersExportCsv")]
    public Task<IActionResult> GetMerchantsMerchantIdCustomersExportCsv(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "merchants/{merchantId}/customers/export.csv")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/merchants/{merchantId}/customers/export.csv", durable);

    [Function("PostMerchantsMerchantIdCustomersSearch")]
    public Task<IActionResult> PostMerchantsMerchantIdCustomersSearch(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "merchants/{merchantId}/customers/search")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "POST", "/api/merchants/{merchantId}/customers/search", durable);

    [Function("GetMerchantsMerchantIdCustomersCustomerId")]
    public Task<IActionResult> GetMerchantsMerchantIdCustomersCustomerId(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "merchants/{merchantId}/customers/{customerId}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/merchants/{merchantId}/customers/{customerId}", durable);

    [Function("PostMerchantsMerchantIdCustomersCustomerIdCalls")]
    public Task<IActionResult> PostMerchantsMerchantIdCustomersCustomerIdCalls(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "merchants/{merchantId}/customers/{customerId}/calls")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "POST", "/api/merchants/{merchantId}/customers/{customerId}/calls", durable);

    [Function("PostMerchantsMerchantIdCustomersCustomerIdErasure")]
    public Task<IActionResult> PostMerchantsMerchantIdCustomersCustomerIdErasure(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "merchants/{merchantId}/customers/{customerId}/erasure")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "POST", "/api/merchants/{merchantId}/customers/{customerId}/erasure", durable);

    [Function("PutMerchantsMerchantIdCustomersCustomerIdTags")]
    public Task<IActionResult> PutMerchantsMerchantIdCustomersCustomerIdTags(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "merchants/{merchantId}/customers/{customerId}/tags")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "PUT", "/api/merchants/{merchantId}/customers/{customerId}/tags", durable);
}
