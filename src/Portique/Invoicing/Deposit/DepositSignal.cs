using System.Threading.Channels;

namespace Portique.Invoicing.Deposit;

/// <summary>
/// Wakes this node's deposit worker as soon as a deposit is committed here, instead of letting the flow wait for the next
/// poll. Signals coalesce (one pending wake-up is enough: the worker drains everything due); deposits made on other nodes
/// and expired leases are still found by the worker's idle poll.
/// </summary>
public sealed class DepositSignal
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _wake.Writer.TryWrite(true);

    /// <summary>Returns when notified or after <paramref name="timeout"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            await _wake.Reader.WaitToReadAsync(cts.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The timeout: time for the idle poll.
        }
        _wake.Reader.TryRead(out _);
    }
}
