using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Portique.LegacyMigration;

/// <summary>
/// Two buffers of rows and one thread of the file's own that writes them (it blocks on the socket while the parser goes
/// on; a pool thread would be taken from the chunks): the parser fills one buffer while the other is written. Small
/// buffers keep the rows' strings young: written and dropped before the next collection, they are never copied into
/// the older generations, which is most of the collector's work otherwise.
/// </summary>
internal sealed class BatchPipe : IDisposable
{
    private readonly TableWriter? _writer;
    private readonly BlockingCollection<Batch> _written = new(boundedCapacity: 2);
    private readonly BlockingCollection<Batch> _full = new(boundedCapacity: 2);
    private readonly Thread _thread;
    private Exception? _failure;

    public BatchPipe(TableWriter? writer, LiveTable table, int size)
    {
        _writer = writer;
        _written.Add(new Batch(table, size));
        Filling = new Batch(table, size);
        _thread = new Thread(Run) { IsBackground = true, Name = "bulk writer " + table.Name };
        _thread.Start();
    }

    /// <summary>The buffer the parser fills.</summary>
    public Batch Filling { get; private set; }

    /// <summary>Hands the filled buffer to the writer and takes the other one back once written.</summary>
    public void Hand()
    {
        _full.Add(Filling);
        try
        {
            Filling = _written.Take();
        }
        catch (InvalidOperationException) when (_failure is not null)
        {
            ExceptionDispatchInfo.Throw(_failure);
        }
    }

    /// <summary>Writes the rows left and waits for the writer; its failure is thrown here.</summary>
    public void Finish()
    {
        _full.Add(Filling);
        _full.CompleteAdding();
        _thread.Join();
        if (_failure is not null)
            ExceptionDispatchInfo.Throw(_failure);
    }

    private void Run()
    {
        try
        {
            foreach (var batch in _full.GetConsumingEnumerable())
            {
                if (batch.Count > 0)
                    _writer?.Write(batch);
                batch.Clear();
                _written.Add(batch);
            }
        }
        catch (Exception e)
        {
            _failure = e;
            _written.CompleteAdding(); // the parser waiting for a buffer gets the failure
        }
    }

    /// <summary>After a failure of the parser: the writer stops after the buffer in hand (the caller cancels the COPY).</summary>
    public void Dispose()
    {
        if (!_full.IsAddingCompleted)
            _full.CompleteAdding();
    }
}
