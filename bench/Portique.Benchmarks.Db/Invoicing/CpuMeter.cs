using System.Diagnostics;
using System.Globalization;

namespace Portique.Benchmarks.Db.Invoicing;

/// <summary>
/// CPU seconds spent during the timed part by the web host, this load generator, PostgreSQL (every "postgres" process, read
/// from /proc) and the whole machine: per invoice, they say where the cost is whatever the other engineers on the same
/// cores are doing; the machine's remainder is their load (the disturbance of the figures).
/// </summary>
internal sealed class CpuMeter
{
    private static readonly double Tick = 100.0; // USER_HZ on Linux
    private readonly Process _web;
    private readonly (double Web, double Client, Dictionary<int, double> Postgres, double Machine) _start;

    private CpuMeter(Process web)
    {
        _web = web;
        _start = Sample();
    }

    public static CpuMeter Start(Process web) => new(web);

    private (double Web, double Client, Dictionary<int, double> Postgres, double Machine) Sample()
    {
        _web.Refresh();
        return (_web.TotalProcessorTime.TotalSeconds, Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, Postgres(), Machine());
    }

    /// <summary>One line: CPU ms per invoice of each party, and the machine's total busy cores over the period.</summary>
    public string Report(int invoices, TimeSpan elapsed)
    {
        var end = Sample();
        double PerInvoice(double from, double to) => (to - from) * 1000 / invoices;
        var postgres = PostgresSeconds(_start.Postgres, end.Postgres);
        var others = (end.Machine - _start.Machine) - (end.Web - _start.Web) - (end.Client - _start.Client) - postgres;
        return string.Create(CultureInfo.InvariantCulture,
            $"CPU per invoice: web host {PerInvoice(_start.Web, end.Web):F2} ms, PostgreSQL {postgres * 1000 / invoices:F2} ms, load generator {PerInvoice(_start.Client, end.Client):F2} ms; other processes {others / elapsed.TotalSeconds:F2} cores busy on average; machine {(end.Machine - _start.Machine) / elapsed.TotalSeconds:F2} of {Environment.ProcessorCount} cores busy");
    }

    /// <summary>CPU ticks of every live postgres process by pid: only those alive at both ends are counted (backends come and go).</summary>
    private static Dictionary<int, double> Postgres()
    {
        var ticks = new Dictionary<int, double>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (!int.TryParse(Path.GetFileName(dir), out var pid) || File.ReadAllText(Path.Combine(dir, "comm")).Trim() != "postgres")
                    continue;
                ticks[pid] = Ticks(File.ReadAllText(Path.Combine(dir, "stat")));
            }
            catch (IOException)
            {
                // The process ended meanwhile.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return ticks;
    }

    private static double PostgresSeconds(Dictionary<int, double> from, Dictionary<int, double> to) =>
        to.Where(p => from.ContainsKey(p.Key)).Sum(p => p.Value - from[p.Key]) / Tick;

    /// <summary>utime + stime of a /proc/PID/stat line (fields 14 and 15, after the parenthesised command name).</summary>
    private static double Ticks(string stat)
    {
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    /// <summary>Busy time of all cores from /proc/stat: everything but idle and iowait.</summary>
    private static double Machine()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return (cpu.Take(8).Sum() - cpu[3] - cpu[4]) / Tick;
    }
}
