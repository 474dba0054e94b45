using Portique.Common.Data;

namespace Portique.Tests.Common;

public sealed class DatabaseTests
{
    [Fact]
    public void PostgreSQL_connections_auto_prepare_unless_the_connection_string_says_otherwise()
    {
        Assert.Contains("Max Auto Prepare=32", Database.WithAutoPrepare("Host=db;Username=portique"), StringComparison.Ordinal);
        Assert.Contains("Max Auto Prepare=0", Database.WithAutoPrepare("Host=db;Username=portique;Max Auto Prepare=0"), StringComparison.Ordinal);
        Assert.Contains("Max Auto Prepare=8", Database.WithAutoPrepare("Host=db;Username=portique;max auto prepare=8"), StringComparison.Ordinal);
    }
}
