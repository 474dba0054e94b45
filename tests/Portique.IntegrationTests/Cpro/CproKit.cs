using System.Text.Json.Nodes;
using Portique.IntegrationTests.Invoicing;

namespace Portique.IntegrationTests.Cpro;

/// <summary>Steps the /cpro tests share: what an integrator's client does, with the deposit queue run as the worker would.</summary>
internal static class CproKit
{
    /// <summary>A call that waits for the deposit queue (soumettre): the queue runs beside it, as the background worker would.</summary>
    public static async Task<T> WithWorkerAsync<T>(InvoicingApp app, Task<T> call)
    {
        while (!call.IsCompleted)
        {
            await app.ProcessDepositsAsync();
            await Task.WhenAny(call, Task.Delay(50));
        }
        return await call;
    }

    public static Task<JsonNode> SubmitAsync(InvoicingApp app, CproClient client, object request) =>
        WithWorkerAsync(app, client.OkAsync("factures/v1/soumettre", request));

    /// <summary>One invoice line at 20 % and one at 5.5 %, as soumettre takes them.</summary>
    public static object[] TwoLines() =>
    [
        new { lignePosteNumero = 1, lignePosteReference = "R1", lignePosteDenomination = "Maintenance", lignePosteQuantite = 2, lignePosteMontantUnitaireHT = 100.5m, lignePosteTauxTva = "TAUX_20" },
        new { lignePosteNumero = 2, lignePosteReference = "R2", lignePosteDenomination = "Livres", lignePosteQuantite = 3, lignePosteMontantUnitaireHT = 10m, lignePosteTauxTvaManuel = 5.5m },
    ];
}
