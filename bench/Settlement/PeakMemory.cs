using System.Diagnostics;

namespace Backoffice.Bench.Settlement;

/// <summary>Samples the managed heap and the working set every few milliseconds while a phase runs and keeps the peaks.</summary>
internal sealed class PeakMemory : IAsyncDisposable, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private long _peakHeap;
    private long _peakWorkingSet;

    private PeakMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        BaselineHeap = GC.GetTotalMemory(forceFullCollection: true);
        BaselineWorkingSet = Process.GetCurrentProcess().WorkingSet64;
        _sampler = Task.Run(SampleAsync);
    }

    public long BaselineHeap { get; }

    public long BaselineWorkingSet { get; }

    public long PeakHeapAboveBaseline => Math.Max(0, Interlocked.Read(ref _peakHeap) - BaselineHeap);

    public long PeakWorkingSetAboveBaseline => Math.Max(0, Interlocked.Read(ref _peakWorkingSet) - BaselineWorkingSet);

    public static PeakMemory Start() => new();

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync();
        await _sampler;
    }

    public void Dispose() => _stop.Dispose();

    private async Task SampleAsync()
    {
        using var process = Process.GetCurrentProcess();
        while (!_stop.IsCancellationRequested)
        {
            Sample(process);
            try
            {
                await Task.Delay(5, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        Sample(process);
    }

    private void Sample(Process process)
    {
        process.Refresh();
        var heap = GC.GetTotalMemory(false);
        if (heap > Interlocked.Read(ref _peakHeap))
        {
            Interlocked.Exchange(ref _peakHeap, heap);
        }

        if (process.WorkingSet64 > Interlocked.Read(ref _peakWorkingSet))
        {
            Interlocked.Exchange(ref _peakWorkingSet, process.WorkingSet64);
        }
    }
}
