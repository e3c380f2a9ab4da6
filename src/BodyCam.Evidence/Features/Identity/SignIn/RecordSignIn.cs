using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Text;
using FluentValidation;
using Mediator;

namespace BodyCam.Evidence.Features.Identity;

/// <summary>
/// A person is about to be signed in to the console as <see cref="Subject"/> in <see cref="Role"/> (and
/// <see cref="Unit"/>), by <see cref="Method"/>: the custody event commits before the session cookie is issued, so
/// no session exists that the log does not show.
/// </summary>
public sealed record RecordSignIn(string Subject, string Role, string? Unit, string Method) : ICommand;

public sealed class RecordSignInValidator : AbstractValidator<RecordSignIn>
{
    public RecordSignInValidator()
    {
        RuleFor(c => c.Subject).NotEmpty().MaximumLength(200).WithMessage("The person's identifier, 1-200 characters.").IsFreeText();
        RuleFor(c => c.Role).Must(role => Roles.People.Contains(role))
            .WithMessage($"One of {string.Join(", ", Roles.People)}.");
        RuleFor(c => c.Unit).MaximumLength(100).IsFreeText();
    }
}

internal sealed class RecordSignInHandler(EvidenceDb db, ICurrentActor caller) : ICommandHandler<RecordSignIn>
{
    public ValueTask<Unit> Handle(RecordSignIn command, CancellationToken cancellationToken)
    {
        var person = new Actor(command.Subject, ActorKind.User, command.Role, caller.Actor.ClientIp);
        var unit = string.IsNullOrEmpty(command.Unit) ? "no unit" : $"unit {command.Unit}";
        db.CustodyEvents.Record(CustodyAction.SignedIn, person, reason: FreeText.Quote($"{command.Method}, {unit}"));
        return ValueTask.FromResult(Unit.Value);
    }
}

/// <summary>A sign-in that did not succeed (the provider refused, the person cancelled, the account has no role): a refused attempt.</summary>
public sealed record RecordFailedSignIn(string Why) : ICommand;

internal sealed class RecordFailedSignInHandler(EvidenceDb db, ICurrentActor caller) : ICommandHandler<RecordFailedSignIn>
{
    public ValueTask<Unit> Handle(RecordFailedSignIn command, CancellationToken cancellationToken)
    {
        db.CustodyEvents.Record(
            CustodyAction.AuthenticationFailed, caller.Actor,
            reason: CustodyEvent.FitReason(FreeText.Quote($"console sign-in failed: {command.Why}")), outcome: CustodyOutcome.Denied);
        return ValueTask.FromResult(Unit.Value);
    }
}
