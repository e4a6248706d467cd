using System.Diagnostics;

namespace Backoffice.Infra.Orders;

/// <summary>
/// A fault point for crash tests: SIGKILLs this process right after a command of the named type committed — after the
/// announcement and the commit, before the inline dispatch and the answer. Configured by <c>Faults:KillAfterCommit</c>,
/// honoured only in Development (local/Program.cs), never registered otherwise.
/// </summary>
public sealed class CommitFaults(string killAfterCommit)
{
    public void AfterCommit(string commandType)
    {
        if (string.Equals(commandType, killAfterCommit, StringComparison.Ordinal))
        {
            using var self = Process.GetCurrentProcess();
            self.Kill();
        }
    }
}
