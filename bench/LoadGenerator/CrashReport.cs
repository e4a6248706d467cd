using System.Globalization;
using System.Text;

namespace Backoffice.LoadGenerator;

internal static class CrashReport
{
    public static string Summary(BenchOptions options, AuditResult audit, IReadOnlyList<string> kills, WorkforceCounters people, int storefrontErrors, TimeSpan elapsed)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Crash test {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: {(audit.Passed ? "PASSED" : "FAILED")}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{options.Orders} orders over {Math.Max(2, options.Merchants)} merchants, {kills.Count} SIGKILLs of the host, {elapsed.TotalSeconds:F0} s in all.");
        text.AppendLine();
        foreach (var (name, value) in MachineInfo.Describe(Directory.GetCurrentDirectory()))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {name}: {value}");
        }

        text.AppendLine();
        foreach (var kill in kills)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {kill}");
        }

        text.AppendLine();
        text.AppendLine("| check | figure |");
        text.AppendLine("| --- | --- |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| webhooks acknowledged / orders stored / in the merchants' lists | {audit.Acknowledged} / {audit.Stored} / {audit.Indexed} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| orders delivered / cancelled / unfinished | {audit.Delivered} / {audit.Cancelled} / {audit.Unfinished} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| orders whose end state matches what the people did | {audit.Checked} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| ledger entries; collected = handed over + outstanding (minor units) | {audit.LedgerEntries}; {audit.Collected} = {audit.HandedOver} + {audit.Outstanding} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| requests lost to kills (storefront retries + people) | {storefrontErrors} + {people.Failures} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| commands / 409s / orders chased by a supervisor | {people.Commands} / {people.Conflicts} / {people.Chased} |");
        text.AppendLine();
        text.AppendLine(audit.Passed ? "No problems found." : "Problems:");
        foreach (var problem in audit.Problems.Take(50))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {problem}");
        }

        return text.ToString();
    }
}
