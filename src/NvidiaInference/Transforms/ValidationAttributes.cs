using System;
using System.Globalization;
using System.Management.Automation;
using NvidiaInference.Http;

namespace NvidiaInference.Transforms
{
    /// <summary>top_k: -1 (disabled) or at least 1.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateTopKAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            int value = Convert.ToInt32(arguments is PSObject wrapped ? wrapped.BaseObject : arguments, CultureInfo.InvariantCulture);
            if (value < 1 && value != -1)
            {
                throw new ValidationMetadataException($"TopK must be -1 (disabled) or at least 1; it is {value}.");
            }
        }
    }

    /// <summary>A number greater than 0 and at most a maximum (top_p, repetition_penalty).</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateAboveZeroAttribute : ValidateArgumentsAttribute
    {
        public ValidateAboveZeroAttribute(double maximum) => Maximum = maximum;

        public double Maximum { get; }

        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            double value = Convert.ToDouble(arguments is PSObject wrapped ? wrapped.BaseObject : arguments, CultureInfo.InvariantCulture);
            if (!(value > 0) || value > Maximum)
            {
                throw new ValidationMetadataException($"The value must be greater than 0 and at most {Maximum.ToString(CultureInfo.InvariantCulture)}; it is {value.ToString(CultureInfo.InvariantCulture)}.");
            }
        }
    }

    /// <summary>A base URI the client can use: absolute, http or https (as <see cref="NimConnectionSettings.Normalize"/> requires).</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateBaseUriAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            if (NimConnectionSettings.Problem((Uri)(arguments is PSObject wrapped ? wrapped.BaseObject : arguments)) is string problem)
            {
                throw new ValidationMetadataException(problem);
            }
        }
    }
}
