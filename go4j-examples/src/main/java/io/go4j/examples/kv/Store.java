package io.go4j.examples.kv;

import io.go4j.sync.RWMutex;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The key-value store: a map guarded by a {@link RWMutex}, the seed's {@code Almacen}
 * (seed 000, "Ejemplo Práctico: Servidor Web Concurrente"):
 * <pre>{@code
 * type Almacen struct {
 *     mu    sync.RWMutex
 *     datos map[string]string
 * }
 * }</pre>
 * Readers ({@link #get}, {@link #keys}) share the lock; writers ({@link #set}) hold it alone.
 * Safe for use by many goroutines at once.
 */
public final class Store {

    private final RWMutex mu = new RWMutex();         // mu sync.RWMutex
    private final Map<String, String> data = new HashMap<>(); // guarded by mu

    /** Go: {@code func NuevoAlmacen() *Almacen}: an empty store. */
    public Store() {
    }

    /**
     * Go: {@code func (a *Almacen) Obtener(clave string) (string, bool)}; the value, or null if
     * the key is absent (values are never null).
     */
    public String get(String key) {
        mu.rLock();                                   // a.mu.RLock()
        try {
            return data.get(key);                     // valor, existe := a.datos[clave]
        } finally {
            mu.rUnlock();                             // defer a.mu.RUnlock()
        }
    }

    /**
     * Go: {@code func (a *Almacen) Establecer(clave, valor string)}; also says whether the key
     * is new (the server answers 201 Created for a new key, 200 for a replaced value).
     */
    public boolean set(String key, String value) {
        if (key == null || value == null) {
            throw new NullPointerException("key and value must not be null");
        }
        mu.lock();                                    // a.mu.Lock()
        try {
            return data.put(key, value) == null;      // a.datos[clave] = valor
        } finally {
            mu.unlock();                              // defer a.mu.Unlock()
        }
    }

    /** Go: {@code func (a *Almacen) Claves() []string}; sorted (Go's map order is random). */
    public List<String> keys() {
        List<String> keys;
        mu.rLock();
        try {
            keys = new ArrayList<>(data.keySet());
        } finally {
            mu.rUnlock();
        }
        Collections.sort(keys);
        return keys;
    }

    /** A copy of the whole map, taken under the read lock (for tests and the shutdown report). */
    public Map<String, String> snapshot() {
        mu.rLock();
        try {
            return Map.copyOf(data);
        } finally {
            mu.rUnlock();
        }
    }
}
