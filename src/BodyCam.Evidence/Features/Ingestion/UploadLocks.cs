using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using BodyCam.Evidence.Infrastructure.Problems;
using Npgsql;

namespace BodyCam.Evidence.Features.Ingestion;

/// <summary>
/// One writer per upload: a second request for an upload that is being written gets 423 and may retry. On
/// PostgreSQL the lock is also a session advisory lock, held on a connection of its own for as long as the
/// request writes, so that API processes sharing the database refuse each other too; SQLite has one process.
/// </summary>
public sealed class UploadLocks(EvidenceSettings settings)
{
    /// <summary>The first key of the two-key advisory lock form, so that upload locks never meet the custody log's lock.</summary>
    private const int UploadLockSpace = 0x75_70_6c_64;

    private readonly ConcurrentDictionary<string, byte> _held = new(StringComparer.Ordinal);

    public async Task<IAsyncDisposable> AcquireAsync(string uploadId, CancellationToken cancellationToken)
    {
        if (!_held.TryAdd(uploadId, 0))
        {
            throw Locked(uploadId);
        }
        try
        {
            var connection = settings.Database == DatabaseProvider.PostgreSql ? await LockAcrossProcessesAsync(uploadId, cancellationToken) : null;
            return new Release(this, uploadId, connection);
        }
        catch
        {
            _held.TryRemove(uploadId, out _);
            throw;
        }
    }

    /// <summary>Whether this process holds the upload's lock: bytes are appended only by its holder.</summary>
    public bool Holds(string uploadId) => _held.ContainsKey(uploadId);

    private async Task<NpgsqlConnection> LockAcrossProcessesAsync(string uploadId, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(settings.DatabaseConnection);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@space, @key)", connection);
            command.Parameters.AddWithValue("space", UploadLockSpace);
            command.Parameters.AddWithValue("key", LockKey(uploadId));
            return await command.ExecuteScalarAsync(cancellationToken) is true ? connection : throw Locked(uploadId);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static int LockKey(string uploadId) => BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(uploadId)), 0);

    private static LockedException Locked(string uploadId) => new($"Upload {uploadId} is being written by another request; retry when it ends.");

    private sealed class Release(UploadLocks locks, string uploadId, NpgsqlConnection? connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                if (connection is not null)
                {
                    await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@space, @key)", connection);
                    command.Parameters.AddWithValue("space", UploadLockSpace);
                    command.Parameters.AddWithValue("key", LockKey(uploadId));
                    await command.ExecuteScalarAsync(CancellationToken.None);
                }
            }
            finally
            {
                if (connection is not null)
                {
                    await connection.DisposeAsync();
                }
                locks._held.TryRemove(uploadId, out _);
            }
        }
    }
}
