using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Security;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Web.Kernel.Jobs;

/// <summary>What a kind of job does. Handlers report progress and watch the cancellation token.</summary>
public interface IJobHandler
{
    string Kind { get; }
    Task RunAsync(JobContext context, CancellationToken ct);
}

/// <summary>Given to a running handler: its job row, its files, and progress reporting.</summary>
public sealed class JobContext(AppDbContext db, BackgroundJob job)
{
    public BackgroundJob Job => job;
    public AppDbContext Db => db;

    public async Task<JobFile?> InputAsync(CancellationToken ct) =>
        await db.JobFiles.AsNoTracking().FirstOrDefaultAsync(f => f.JobId == job.Id && f.Role == JobFiles.Input, ct);

    /// <summary>Files the job produced; saved with the job's final state even when it fails (an error report).</summary>
    public List<JobFile> Outputs { get; } = [];

    public void AttachOutput(string fileName, string contentType, byte[] content) =>
        Outputs.Add(new JobFile { JobId = job.Id, Role = JobFiles.Output, FileName = fileName, ContentType = contentType, Content = content });

    /// <summary>True once someone asked to cancel (checked without saving progress).</summary>
    public async Task<bool> CancelRequestedAsync(CancellationToken ct) =>
        await db.Jobs.AsNoTracking().Where(j => j.Id == job.Id).Select(j => j.CancelRequested).FirstAsync(ct);

    /// <summary>Saves progress in its own small update so the list page sees it while the job runs.</summary>
    public async Task ReportAsync(int processed, int total, CancellationToken ct)
    {
        await db.Jobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s.SetProperty(j => j.Processed, processed).SetProperty(j => j.Total, total), ct);
        job.Processed = processed;
        job.Total = total;
        var cancel = await db.Jobs.AsNoTracking().Where(j => j.Id == job.Id).Select(j => j.CancelRequested).FirstAsync(ct);
        if (cancel) throw new OperationCanceledException("已取消");
    }
}

public static class JobFiles
{
    public const string Input = "input";
    public const string Output = "output";
}

/// <summary>Queues jobs and answers questions about them; scoped to the job's owner division for non-admins.</summary>
public sealed class JobQueue(AppDbContext db, CurrentUser user, TimeProvider clock, JobSignal signal)
{
    /// <summary>
    /// Queues a job. <paramref name="link"/> runs before the job is saved, in the same save — e.g. to put the job's id on
    /// the row the job works on: once saved, the background runner may start it at once and change that row, so
    /// linking afterwards would race with it.
    /// </summary>
    public async Task<BackgroundJob> EnqueueAsync(string kind, string title, JobFile? input, CancellationToken ct = default, string? argument = null,
        Action<BackgroundJob>? link = null)
    {
        var job = NewJob(kind, title, argument);
        db.Jobs.Add(job);
        if (input is not null)
        {
            input.JobId = job.Id;
            input.Role = JobFiles.Input;
            db.JobFiles.Add(input);
        }
        link?.Invoke(job);
        await db.SaveChangesAsync(ct);
        signal.Wake();
        return job;
    }

    /// <summary>
    /// Saves a new row (<paramref name="saveRow"/>, which may turn a unique-index clash into its own error) and queues the
    /// job that works on it, in one transaction: a request cut off between the two leaves neither — never a row waiting
    /// for a job that does not exist (which would block the next request for the same thing).
    /// </summary>
    public async Task<BackgroundJob> EnqueueForAsync(string kind, string title, Func<CancellationToken, Task> saveRow, Func<string> argument,
        Action<BackgroundJob> link, CancellationToken ct = default)
    {
        BackgroundJob job;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await saveRow(ct);
            job = NewJob(kind, title, argument());
            db.Jobs.Add(job);
            link(job);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        signal.Wake();
        return job;
    }

    private BackgroundJob NewJob(string kind, string title, string? argument) => new()
    {
        Kind = kind,
        Title = title,
        Argument = argument,
        CreatedByUserId = user.UserId ?? "",
        CreatedByUserName = user.UserName,
        DivisionCode = user.DivisionCode ?? "",
        CreatedAt = clock.GetUtcNow().UtcDateTime,
    };

    /// <summary>Jobs visible to the caller: administrators see all, others those started inside their division.</summary>
    public IQueryable<BackgroundJob> Visible()
    {
        var jobs = db.Jobs.AsNoTracking();
        if (user.IsInRole(Roles.Admin) || user.IsSystem) return jobs;
        var prefix = new DivisionScope(user).Prefix;
        return jobs.Where(j => j.DivisionCode.StartsWith(prefix));
    }

    public async Task<BackgroundJob> GetAsync(Guid id, CancellationToken ct = default) =>
        await Visible().FirstOrDefaultAsync(j => j.Id == id, ct) ?? throw new NotFoundException("任务不存在");

    public async Task<JobFile> OutputAsync(Guid id, CancellationToken ct = default)
    {
        await GetAsync(id, ct);
        return await db.JobFiles.AsNoTracking().FirstOrDefaultAsync(f => f.JobId == id && f.Role == JobFiles.Output, ct)
            ?? throw new NotFoundException("该任务没有结果文件");
    }

    /// <summary>The job's creator or an administrator may cancel it; the request is audited.</summary>
    public async Task CancelAsync(Guid id, CancellationToken ct = default)
    {
        var job = await GetAsync(id, ct);
        if (job.CreatedByUserId != user.UserId && !user.IsInRole(Roles.Admin)) throw new ForbiddenException("只有提交人或系统管理员可以取消该任务");
        if (job.IsFinished) throw new DomainException("任务已结束，无法取消");
        await db.Jobs.Where(j => j.Id == id).ExecuteUpdateAsync(s => s.SetProperty(j => j.CancelRequested, true), ct);
        db.AddAudit(Auditing.AuditAction.Operation, nameof(BackgroundJob), id.ToString(), job.DivisionCode, $"请求取消任务：{job.Title}");
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>Wakes the runner when a job is queued (it also polls, so a job queued by another instance is picked up).</summary>
public sealed class JobSignal
{
    private readonly SemaphoreSlim _signal = new(0);
    public void Wake() { if (_signal.CurrentCount == 0) _signal.Release(); }
    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);
}

/// <summary>
/// Runs queued jobs one at a time in the background. A job that was running when the process stopped is marked
/// failed at start-up ("interrupted"), so its row never stays "running" forever.
/// </summary>
public sealed class JobRunner(IServiceScopeFactory scopes, JobSignal signal, ILogger<JobRunner> log, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await MarkInterruptedAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Could not check for interrupted jobs");
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await RunNextAsync(stoppingToken))
                    await signal.WaitAsync(TimeSpan.FromSeconds(5), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogError(e, "Job runner loop failed");
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    internal async Task MarkInterruptedAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem("job-runner");
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Jobs.Where(j => j.Status == JobStatus.Running).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, JobStatus.Failed)
            .SetProperty(j => j.FinishedAt, now)
            .SetProperty(j => j.Error, "服务重启时任务被中断，请重新提交"), ct);
    }

    /// <summary>Claims and runs the oldest queued job; false when there was none.</summary>
    internal async Task<bool> RunNextAsync(CancellationToken stoppingToken)
    {
        using var scope = scopes.CreateScope();
        var sp = scope.ServiceProvider;
        var user = sp.GetRequiredService<CurrentUser>();
        user.ActAsSystem("job-runner");
        var db = sp.GetRequiredService<AppDbContext>();
        var job = await db.Jobs.Where(j => j.Status == JobStatus.Queued).OrderBy(j => j.CreatedAt).FirstOrDefaultAsync(stoppingToken);
        if (job is null) return false;

        job.Status = JobStatus.Running;
        job.StartedAt = clock.GetUtcNow().UtcDateTime;
        try
        {
            await db.SaveChangesAsync(stoppingToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return true; // another runner claimed it
        }

        // The job runs with the scope and roles of the user who started it.
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == job.CreatedByUserId select r.Name!).ToListAsync(stoppingToken);
        user.ActAs(job.CreatedByUserId, job.CreatedByUserName, job.DivisionCode, roles);
        var handler = sp.GetServices<IJobHandler>().FirstOrDefault(h => h.Kind == job.Kind);
        var context = new JobContext(db, job);
        try
        {
            if (handler is null) throw new InvalidOperationException($"未知的任务类型：{job.Kind}");
            if (job.CancelRequested) throw new OperationCanceledException();
            await handler.RunAsync(context, stoppingToken);
            job.Status = JobStatus.Succeeded;
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            db.ChangeTracker.Clear();
            db.Attach(job);
            job.Status = JobStatus.Cancelled;
            job.Summary = "已按要求取消，未保存任何数据";
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            if (e is DomainException or Registry.Features.ImportRejectedException) log.LogInformation("Job {Id} ({Kind}) refused: {Message}", job.Id, job.Kind, e.Message);
            else log.LogError(e, "Job {Id} ({Kind}) failed", job.Id, job.Kind);
            db.ChangeTracker.Clear();
            db.Attach(job);
            job.Status = JobStatus.Failed;
            job.Error = e.Message.Length > 4000 ? e.Message[..4000] : e.Message;
        }
        job.FinishedAt = clock.GetUtcNow().UtcDateTime;
        db.Entry(job).State = EntityState.Modified;
        db.JobFiles.AddRange(context.Outputs);
        await db.SaveChangesAsync(CancellationToken.None);
        return true;
    }
}
