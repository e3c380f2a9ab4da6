using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BodyCam.Evidence.Infrastructure.Persistence;

/// <summary>
/// Lets SQLite itself wait for its one writer. Without a busy timeout, a transaction that finds another writer
/// active fails at once and Microsoft.Data.Sqlite retries it after sleeping 150 ms, which a content request waiting
/// on its view session (or a job behind a request) would pay in full; SQLite's own handler retries within a
/// millisecond or two. The wait still ends: after the connection's command timeout the statement fails as before.
/// </summary>
internal sealed class SqliteBusyWait : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = BusyTimeout(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = BusyTimeout(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string BusyTimeout(DbConnection connection) =>
        string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {((SqliteConnection)connection).DefaultTimeout * 1000};");
}
