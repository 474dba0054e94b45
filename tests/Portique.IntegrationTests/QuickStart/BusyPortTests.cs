using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Portique.IntegrationTests.QuickStart;

/// <summary>
/// The README's first command on a port another program holds: one line that names the port and how to choose another,
/// in the user's language, no stack trace, and nothing written (the quick start's database is not even created).
/// </summary>
public sealed class BusyPortTests : IDisposable
{
    // The web host built in the same configuration as this test assembly (bin/<Configuration>/net10.0/): CI builds Release.
    private static readonly string WebDll = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Portique.Web/bin",
        new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0/Portique.Web.dll"));

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("portique-busy-port-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Theory]
    [InlineData("fr_FR.UTF-8", "Le port {0} est déjà utilisé (http://localhost:{0}) : arrêtez le programme qui l'occupe ou choisissez un autre port, par exemple --urls http://localhost:")]
    [InlineData("en_US.UTF-8", "Port {0} is already in use (http://localhost:{0}): stop the program using it or choose another port, for example --urls http://localhost:")]
    public async Task A_taken_port_gets_one_line_naming_it_and_how_to_choose_another(string locale, string expected)
    {
        Assert.True(File.Exists(WebDll), $"build src/Portique.Web first: {WebDll}");
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        var (exit, output) = await RunAsync(locale, "--quickstart", "--urls", $"http://localhost:{port}");

        Assert.Equal(1, exit);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith(string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, port), line, StringComparison.Ordinal);
        // The port suggested is free.
        var suggested = int.Parse(line[(line.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotEqual(port, suggested);
        using (var probe = new TcpListener(IPAddress.Loopback, suggested))
            probe.Start();
        Assert.False(Directory.Exists(Path.Combine(_folder.FullName, "data")), "the quick start wrote its database before checking the port");
    }

    /// <summary>The web host in the test's folder (its data/ would land there), stdout and stderr together.</summary>
    private async Task<(int Exit, string Output)> RunAsync(string locale, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _folder.FullName,
            Environment = { ["LANG"] = locale, ["LC_ALL"] = locale, ["ASPNETCORE_ENVIRONMENT"] = "Production" },
        };
        start.ArgumentList.Add(WebDll);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the portal kept running on a taken port: " + await output);
        }
        return (process.ExitCode, await output + await error);
    }
}
