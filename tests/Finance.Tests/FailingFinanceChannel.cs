using Backoffice.Infra.Finance;

namespace Backoffice.Finance.Tests;

/// <summary>A finance report channel that can be switched to fail, as Service Bus does when it is unreachable.</summary>
internal sealed class FailingFinanceChannel(IFinanceReportChannel inner) : IFinanceReportChannel
{
    public bool Failing { get; set; }

    public int FailedSends { get; private set; }

    public Task PublishAsync(FinanceReportMessage message, CancellationToken ct)
    {
        if (Failing)
        {
            FailedSends++;
            throw new InvalidOperationException("The finance-reports channel is unavailable.");
        }

        return inner.PublishAsync(message, ct);
    }
}
