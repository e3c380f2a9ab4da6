using BodyCam.Evidence.Infrastructure.Problems;
using FluentValidation;
using Mediator;

namespace BodyCam.Evidence.Infrastructure.Pipeline;

public sealed class ValidationBehaviour<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            failures.AddRange((await validator.ValidateAsync(message, cancellationToken)).Errors);
        }
        if (failures.Count > 0)
        {
            throw new RequestValidationException(failures
                .GroupBy(failure => failure.PropertyName)
                .ToDictionary(group => group.Key, group => group.Select(failure => failure.ErrorMessage).Distinct().ToArray()));
        }
        return await next(message, cancellationToken);
    }
}
