package io.go4j.examples.tour.seed000;

import io.go4j.context.Context;

import java.io.PrintStream;

/**
 * Seed 000, "Valores en el Contexto": a user id and a trace id travel down in the context, under
 * keys of a private type so that no other package's keys can collide with them.
 */
public final class ContextValues {

    private ContextValues() {
    }

    /** Go's {@code type clave string}: a key type of its own; {@code clave("userID")} is {@code new Clave("userID")}. */
    record Clave(String nombre) {
    }

    static void procesar(PrintStream out, Context ctx) {      // func procesar(ctx context.Context) {
        if (ctx.value(new Clave("userID")) instanceof String userID) { // if userID, ok := ctx.Value(clave("userID")).(string); ok {
            out.println("Procesando para usuario: " + userID); //    fmt.Println("Procesando para usuario:", userID)
        } else {
            out.println("Usuario no especificado");           //     fmt.Println("Usuario no especificado")
        }

        if (ctx.value(new Clave("traceID")) instanceof String traceID) { // if traceID, ok := ctx.Value(clave("traceID")).(string); ok {
            out.println("ID de seguimiento: " + traceID);     //     fmt.Println("ID de seguimiento:", traceID)
        }
    }

    /** Go's {@code func main()}. */
    public static void main(PrintStream out) {
        Context ctx = Context.background();                   // ctx := context.Background()

        ctx = Context.withValue(ctx, new Clave("userID"), "user123");   // ctx = context.WithValue(ctx, clave("userID"), "user123")
        ctx = Context.withValue(ctx, new Clave("traceID"), "trace456"); // ctx = context.WithValue(ctx, clave("traceID"), "trace456")

        procesar(out, ctx);                                   // procesar(ctx)
    }
}
