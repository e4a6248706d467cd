using Backoffice.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Backoffice.Functions.Http;

/// <summary>The /api/finance endpoints, each handed to the API's own handler (generated; see docs/functions.md).</summary>
public sealed class FinanceHttpFunctions(ApiEndpoints api)
{
    [Function("PostFinanceInvoiceRuns")]
    public Task<IActionResult> PostFinanceInvoiceRuns(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "finance/invoice-runs")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "POST", "/api/finance/invoice-runs", durable);

    [Function("GetFinanceMerchantsMerchantIdInvoices")]
    public Task<IActionResult> GetFinanceMerchantsMerchantIdInvoices(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "finance/merchants/{merchantId}/invoices")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/finance/merchants/{merchantId}/invoices", durable);

    [Function("GetFinanceMerchantsMerchantIdInvoicesMonth")]
    public Task<IActionResult> GetFinanceMerchantsMerchantIdInvoicesMonth(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "finance/merchants/{merchantId}/invoices/{month}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/finance/merchants/{merchantId}/invoices/{month}", durable);

    [Function("GetFinanceMerchantsMerchantIdInvoicesMonthFilesFormat")]
    public Task<IActionResult> GetFinanceMerchantsMerchantIdInvoicesMonthFilesFormat(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "finance/merchants/{merchantId}/invoices/{month}/files/{format}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/finance/merchants/{merchantId}/invoices/{month}/files/{format}", durable);

    [Function("GetFinanceMerchantsMerchantIdLedger")]
    public Task<IActionResult> GetFinanceMerchantsMerchantIdLedger(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "finance/merchants/{merchantId}/ledger")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/finance/merchants/{merchantId}/ledger", durable);

    [Function("PostFinanceMerchantsMerchantIdLedgerAdjustments")]
    public Task<IActionResult> PostFinanceMerchantsMerchantIdLedgerAdjustments(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "finance/merchants/{merchantId}/ledger/adjustments")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "POST", "/api/finance/merchants/{merchantId}/ledger/adjustments", durable);

    [Function("GetFinanceMerchantsMerchantIdSettlements")]
    public Task<IActionResult> GetFinanceMerchantsMerchantIdSettlements(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "finance/merchants/{merchantId}/settlements")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/finance/merchants/{merchantId}/settlements", durable);

    [Function("GetFinanceMerchantsMerchantIdSettlementsWeek")]
    public Task<IActionResult> GetFinanceMerchantsMerchantIdSettlementsWeek(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "finance/merchants/{merchantId}/settlements/{week}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/finance/merchants/{merchantId}/settlements/{week}", durable);

    [Function("PostFinanceMerchantsMerchantIdSettlementsWeekApprove")]
    public Task<IActionResult> PostFinanceMerchantsMerchantIdSettlementsWeekApprove(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "finance/merchants/{merchantId}/settlements/{week}/approve")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "POST", "/api/finance/merchants/{merchantId}/settlements/{week}/approve", durable);

    [Function("GetFinanceMerchantsMerchantIdSettlementsWeekFilesFormat")]
    public Task<IActionResult> GetFinanceMerchantsMerchantIdSettlementsWeekFilesFormat(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "finance/merchants/{merchantId}/settlements/{week}/files/{format}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/finance/merchants/{merchantId}/settlements/{week}/files/{format}", durable);

    [Function("PostFinanceMerchantsMerchantIdSettlementsWeekPayment")]
    public Task<IActionResult> PostFinanceMerchantsMerchantIdSettlementsWeekPayment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "finance/merchants/{merchantId}/settlements/{week}/payment")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "POST", "/api/finance/merchants/{merchantId}/settlements/{week}/payment", durable);

    [Function("PostFinanceSettlementRuns")]
    public Task<IActionResult> PostFinanceSettlementRuns(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "finance/settlement-runs")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "POST", "/api/finance/settlement-runs", durable);

    [Function("GetFinanceSettlements")]
    public Task<IActionResult> GetFinanceSettlements(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "finance/settlements")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.RunAsync(request, "GET", "/api/finance/settlements", durable);
}
