using Backoffice.Api.Auth;
using Backoffice.Api.Problems;
using Backoffice.Infra.Finance;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Backoffice.Contracts.Finance;

namespace Backoffice.Api.Finance;

/// <summary>
/// Finance: weekly cash settlements (list, detail, files, approve, record payment, run), monthly fee invoices (list,
/// detail, files, run) and the cash ledger (balance, corrections and refunds). Finance and supervisors see every
/// merchant; a merchant principal sees only its own and cannot change anything.
/// </summary>
public sealed class FinanceModule : IApiModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration) => services.AddFinance(configuration);

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var finance = api.MapGroup("/finance").WithTags("Finance").Guarded();
        finance.MapGet("/settlements", SettlementEndpoints.ListWeekAsync).RequireAuthorization(Policies.ReadFinance)
            .WithSummary("Every merchant's statement for one week (a merchant sees its own).").Reads<FinanceDocumentView[]>();
        finance.MapPost("/settlement-runs", SettlementEndpoints.RunAsync).RequireAuthorization(Policies.Finance)
            .WithSummary("Settle a given ISO week now, for one merchant or all; idempotent.").Writes<RunRequest, RunResultView[]>();
        finance.MapPost("/invoice-runs", InvoiceEndpoints.RunAsync).RequireAuthorization(Policies.Finance)
            .WithSummary("Invoice a given month now, for one merchant or all; idempotent.").Writes<RunRequest, RunResultView[]>();

        var merchant = finance.MapGroup("/merchants/{merchantId}");
        merchant.MapGet("/settlements", SettlementEndpoints.ListAsync).RequireAuthorization(Policies.ReadFinance)
            .WithSummary("A merchant's statements, oldest first, optionally between two weeks (from=2026-W01&to=2026-W10).").Reads<FinanceDocumentView[]>();
        merchant.MapGet("/settlements/{week}", SettlementEndpoints.GetAsync).RequireAuthorization(Policies.ReadFinance)
            .WithSummary("A statement with its totals, state and audit trail.").Reads<FinanceDocumentView>();
        merchant.MapGet("/settlements/{week}/files/{format}", SettlementEndpoints.FileAsync).RequireAuthorization(Policies.ReadFinance)
            .WithSummary("Download the statement as csv, xlsx or pdf: streamed, or a 302 to a short-lived read-only SAS link where Finance:Downloads:UseSas is on (Azure).")
            .Downloads(ApiContract.Csv, ApiContract.Xlsx, ApiContract.Pdf).OrSignedLink();
        merchant.MapPost("/settlements/{week}/approve", SettlementEndpoints.ApproveAsync).RequireAuthorization(Policies.Finance)
            .WithSummary("Approve a draft statement.").Acts<FinanceDocumentView>().ProducesProblem(StatusCodes.Status409Conflict);
        merchant.MapPost("/settlements/{week}/payment", SettlementEndpoints.PayAsync).RequireAuthorization(Policies.Finance)
            .WithSummary("Record the bank transfer of an approved statement (bank reference and date).")
            .Writes<PaymentRequest, FinanceDocumentView>().ProducesProblem(StatusCodes.Status409Conflict);
        merchant.MapGet("/invoices", InvoiceEndpoints.ListAsync).RequireAuthorization(Policies.ReadFinance)
            .WithSummary("A merchant's fee invoices, oldest first, optionally between two months (from=2026-01&to=2026-12).").Reads<FinanceDocumentView[]>();
        merchant.MapGet("/invoices/{month}", InvoiceEndpoints.GetAsync).RequireAuthorization(Policies.ReadFinance)
            .WithSummary("An invoice with its totals and audit trail.").Reads<FinanceDocumentView>();
        merchant.MapGet("/invoices/{month}/files/{format}", InvoiceEndpoints.FileAsync).RequireAuthorization(Policies.ReadFinance)
            .WithSummary("Download the invoice's per-order report as csv, xlsx or pdf: streamed, or a 302 to a short-lived read-only SAS link where Finance:Downloads:UseSas is on (Azure).")
            .Downloads(ApiContract.Csv, ApiContract.Xlsx, ApiContract.Pdf).OrSignedLink();
        merchant.MapGet("/ledger", LedgerEndpoints.BalanceAsync).RequireAuthorization(Policies.ReadFinance)
            .WithSummary("The cash balance: collected, adjustments, paid out (transferred + fees netted), open; and cash still with couriers.").Reads<LedgerView>();
        merchant.MapPost("/ledger/adjustments", LedgerEndpoints.AdjustAsync).RequireAuthorization(Policies.Finance)
            .WithSummary("Post a correction or a refund (a new entry; posted entries are never edited). 201 when posted, 200 when this requestId already was.")
            .Writes<AdjustmentRequest, LedgerView>(StatusCodes.Status201Created).Produces<LedgerView>(StatusCodes.Status200OK, ApiContract.Json);
    }

    internal static IResult BadField(string field, string message) =>
        Problems.Problems.Validation(new Dictionary<string, string[]> { [field] = [message] }, StatusCodes.Status400BadRequest);
}
